#!/usr/bin/env python3
"""Runs a command with io_uring_setup(2) refused with EPERM by a seccomp filter, as a kernel with
/proc/sys/kernel/io_uring_disabled=2 or a container runtime's seccomp profile refuses it.

Usage: without-io_uring.py COMMAND [ARGS...]   (the filter is inherited across exec)
Linux on x86_64 or aarch64 only (io_uring_setup is system call 425 on both).
"""
import ctypes
import os
import struct
import sys

PR_SET_NO_NEW_PRIVS = 38
PR_SET_SECCOMP = 22
SECCOMP_MODE_FILTER = 2
SECCOMP_RET_ALLOW = 0x7FFF0000
SECCOMP_RET_ERRNO = 0x00050000
EPERM = 1
AUDIT_ARCH_X86_64 = 0xC000003E
AUDIT_ARCH_AARCH64 = 0xC00000B7
NR_IO_URING_SETUP = 425

LD_W_ABS = 0x20   # BPF_LD | BPF_W | BPF_ABS
JEQ_K = 0x15      # BPF_JMP | BPF_JEQ | BPF_K
RET_K = 0x06      # BPF_RET | BPF_K


def insn(code, jt, jf, k):
    return struct.pack("HBBI", code, jt, jf, k)


program = b"".join([
    insn(LD_W_ABS, 0, 0, 4),                        # 0: A = seccomp_data.arch
    insn(JEQ_K, 2, 0, AUDIT_ARCH_X86_64),           # 1: x86_64 -> 4
    insn(JEQ_K, 1, 0, AUDIT_ARCH_AARCH64),          # 2: aarch64 -> 4
    insn(RET_K, 0, 0, SECCOMP_RET_ALLOW),           # 3: another ABI: allow
    insn(LD_W_ABS, 0, 0, 0),                        # 4: A = seccomp_data.nr
    insn(JEQ_K, 0, 1, NR_IO_URING_SETUP),           # 5: io_uring_setup -> 6, else 7
    insn(RET_K, 0, 0, SECCOMP_RET_ERRNO | EPERM),   # 6: refuse with EPERM
    insn(RET_K, 0, 0, SECCOMP_RET_ALLOW),           # 7: allow the rest
])


class SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_char_p)]


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: without-io_uring.py COMMAND [ARGS...]")
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_void_p, ctypes.c_ulong, ctypes.c_ulong]
    if libc.prctl(PR_SET_NO_NEW_PRIVS, 1, None, 0, 0) != 0:
        sys.exit("prctl(PR_SET_NO_NEW_PRIVS): " + os.strerror(ctypes.get_errno()))
    prog = SockFprog(len(program) // 8, program)
    if libc.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ctypes.addressof(prog), 0, 0) != 0:
        sys.exit("prctl(PR_SET_SECCOMP): " + os.strerror(ctypes.get_errno()))
    os.execvp(sys.argv[1], sys.argv[1:])


main()
