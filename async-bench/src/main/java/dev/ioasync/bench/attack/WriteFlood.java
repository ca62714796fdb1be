package dev.ioasync.bench.attack;

import dev.ioasync.Future;
import dev.ioasync.Loop;
import dev.ioasync.io.SocketHandle;
import dev.ioasync.net.Listener;
import dev.ioasync.stream.ReadResult;
import dev.ioasync.stream.Stream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Attack (on oneself): a writer ignores the write watermarks and writes 1 MiB after 1 MiB toward
 * a peer that never reads. Without a bound the queue would grow until the heap is gone; with the
 * default write limit (64 MiB) the first write past it fails at once with category
 * {@code write-limit} and queues nothing, while the watermark event still ran at 1 MiB and the
 * stream stays open. Loopback only; a second or two.
 *
 * <p>Run: {@code java -cp <class path> dev.ioasync.bench.attack.WriteFlood}.
 */
public final class WriteFlood {

    private WriteFlood() {
    }

    /**
     * Runs the flood and prints what happened.
     *
     * @param args none
     * @throws Exception on set-up failure
     */
    public static void main(String[] args) throws Exception {
        try (Loop loop = Loop.create()) {
            System.out.println("backend: " + loop.backend());
            List<SocketHandle> held = new ArrayList<>();
            Listener sink = loop.listen("127.0.0.1", "0", h -> new Listener(h).onAccept(held::add), 0).get();
            Stream writer = loop.connect("127.0.0.1", sink.port()).get();
            writer.onRead((s, b, e) -> ReadResult.WAIT)
                    .onWriteableStop(() -> System.out.println("writer: on_writeable_stop at " + (writer.queuedBytes() >> 10)
                            + " KiB queued (ignored)"));
            loop.add(writer);
            byte[] mib = new byte[1 << 20];
            Runtime rt = Runtime.getRuntime();
            for (int i = 1; i <= 1024; i++) {
                Future<Void> w = writer.write(mib);
                if (w.isFailed()) {
                    System.out.printf("writer: write %d failed at once with category %s: %s%n", i,
                            w.failure().category(), w.failure().getMessage());
                    break;
                }
                loop.loopOnce(java.time.Duration.ZERO);
            }
            System.out.printf("writer: %d MiB queued, stream open: %s, heap in use %d MB%n", writer.queuedBytes() >> 20,
                    !writer.isClosed(), (rt.totalMemory() - rt.freeMemory()) >> 20);
            writer.closeNow();
            for (SocketHandle h : held) {
                try {
                    h.close();
                } catch (IOException ignored) {
                    // the demo is over
                }
            }
        }
    }
}
