package dev.ioasync;

import dev.ioasync.io.IoHandle;
import dev.ioasync.spi.IoOps;
import dev.ioasync.spi.PollRegistration;

/**
 * The core's record of one watched handle: its callbacks and its poller registration. It is the
 * poller attachment, so dispatch needs no lookup; {@link #active} turns false the moment it is
 * unwatched, so an event recorded earlier in the same iteration is dropped.
 */
final class IoWatch {

    final IoHandle handle;
    Runnable onReadReady;
    Runnable onWriteReady;
    PollRegistration registration;
    boolean active = true;

    IoWatch(IoHandle handle) {
        this.handle = handle;
    }

    int interest() {
        return (onReadReady != null ? IoOps.READ : 0) | (onWriteReady != null ? IoOps.WRITE : 0);
    }
}
