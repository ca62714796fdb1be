package dev.ioasync.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * {@link ReadBuffer} while its bytes are in a pooled direct buffer that reads go straight into:
 * every operation answers as on the heap, the incremental scans stay incremental across the move
 * to the heap between reads, and every direct buffer goes back to the pool (or to the one it was
 * handed over to).
 */
class ReadBufferDirectTest {

    private static final int LEN = 64 * 1024;

    /** As a socket read would: straight into the buffer's read target. */
    private static void read(ReadBuffer b, byte[] bytes) {
        ByteBuffer target = b.readTarget(LEN);
        if (target == null) {
            b.append(bytes);
            return;
        }
        assertThat(target.isDirect()).isTrue();
        assertThat(target.remaining()).isEqualTo(LEN);
        target.put(bytes);
        b.commit(bytes.length);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] pattern(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (seed + i * 7);
        }
        return b;
    }

    private static ReadBuffer direct() {
        ReadBuffer b = new ReadBuffer();
        b.preferDirect();
        return b;
    }

    @Test
    void readsGoStraightIntoDirectMemoryOnlyOnceAHandOverWasAskedFor() {
        ReadBuffer b = new ReadBuffer();
        assertThat(b.readTarget(LEN)).as("a reader that consumes in place reads through the scratch buffer").isNull();
        b.append(pattern(100, 1));
        assertThat(b.handOver(100)).as("on the heap: copied by the caller").isNull();
        assertThat(b.readTarget(LEN)).as("a small hand-over does not switch").isNull();
        b.append(pattern(LEN, 1));
        assertThat(b.handOver(LEN)).isNull();
        b.clear();
        ByteBuffer target = b.readTarget(LEN);
        assertThat(target).as("after a large hand-over was asked for").isNotNull();
        assertThat(target.isDirect()).isTrue();
        b.commit(0);
        b.releaseDirect();
    }

    @Test
    void everyOperationAnswersAsOnTheHeapWhileTheBytesAreDirect() {
        long lent = DirectBufferPool.lentBytes();
        ReadBuffer b = direct();
        read(b, ascii("hello\r\nworld\n"));
        assertThat(DirectBufferPool.lentBytes()).as("a direct buffer is lent while reading").isGreaterThan(lent);
        assertThat(b.size()).isEqualTo(13);
        assertThat(b.get(1)).isEqualTo((byte) 'e');
        assertThatThrownBy(() -> b.get(13)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(b.indexOf((byte) 'w')).isEqualTo(7);
        assertThat(b.indexOf(ascii("\r\n"), 0)).isEqualTo(5);
        assertThat(b.indexOf(ascii("\r\n"), 6)).isEqualTo(-1);
        assertThat(b.peekString(StandardCharsets.US_ASCII)).isEqualTo("hello\r\nworld\n");
        assertThat(b.takeLine(StandardCharsets.US_ASCII)).isEqualTo("hello\r\n");
        assertThat(b.take(2)).isEqualTo(ascii("wo"));
        b.unshift(ascii("xwo"));
        assertThat(b.peek()).isEqualTo(ascii("xworld\n"));
        b.skip(1);
        assertThat(b.takeString(5, StandardCharsets.US_ASCII)).isEqualTo("world");
        read(b, ascii("more"));
        b.append(ascii("!"));
        b.append(ByteBuffer.wrap(ascii("?")));
        assertThat(b.takeAll()).isEqualTo(ascii("\nmore!?"));
        assertThat(b.isEmpty()).isTrue();
        b.releaseDirect();
        assertThat(DirectBufferPool.lentBytes()).as("given back between reads").isEqualTo(lent);
    }

    @Test
    void bytesLeftBetweenReadsMoveToTheHeapAndTheDirectBufferGoesBack() {
        long lent = DirectBufferPool.lentBytes();
        ReadBuffer b = direct();
        read(b, ascii("partial line"));
        b.releaseDirect();
        assertThat(DirectBufferPool.lentBytes()).isEqualTo(lent);
        assertThat(b.readTarget(LEN)).as("bytes on the heap: the next read goes through a scratch buffer").isNull();
        b.append(ascii(" ends\n"));
        assertThat(b.takeLine(StandardCharsets.US_ASCII)).isEqualTo("partial line ends\n");
        read(b, ascii("direct again"));
        assertThat(DirectBufferPool.lentBytes()).isGreaterThan(lent);
        b.releaseDirect();
        assertThat(b.takeAll()).isEqualTo(ascii("direct again"));
        assertThat(DirectBufferPool.lentBytes()).isEqualTo(lent);
    }

    @Test
    void anUnshiftLargerThanTheConsumedPrefixMovesTheBytesToTheHeap() {
        long lent = DirectBufferPool.lentBytes();
        ReadBuffer b = direct();
        read(b, ascii("tail"));
        b.unshift(ascii("head-"));
        assertThat(DirectBufferPool.lentBytes()).isEqualTo(lent);
        assertThat(b.takeAll()).isEqualTo(ascii("head-tail"));
    }

    @Test
    void aLineArrivingInManyReadsIsScannedOnceAcrossTheMovesToTheHeap() {
        ReadBuffer b = direct();
        DelimiterScan crlf = new DelimiterScan(ascii("\r\n"));
        StringBuilder sent = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            String part = "x".repeat(100) + (i == 199 ? "\r" : "");
            sent.append(part);
            read(b, ascii(part));
            assertThat(b.lineEnd()).isEqualTo(-1);
            assertThat(crlf.find(b)).isEqualTo(-1);
            if (i % 3 == 0) {
                b.releaseDirect(); // as between two readinesses
            }
        }
        read(b, ascii("\n"));
        assertThat(crlf.find(b)).isEqualTo(sent.length() - 1);
        assertThat(b.lineEnd()).isEqualTo(sent.length());
        b.releaseDirect();
    }

    @Test
    void theWholeReadRegionIsHandedOverWithoutACopy() {
        long lent = DirectBufferPool.lentBytes();
        ReadBuffer b = direct();
        byte[] bytes = pattern(LEN, 1);
        ByteBuffer target = b.readTarget(LEN);
        target.put(bytes);
        b.commit(LEN);
        ByteBuffer out = b.handOver(LEN);
        assertThat(out).as("the very buffer the read went into").isSameAs(target);
        assertThat(out.remaining()).isEqualTo(LEN);
        byte[] got = new byte[LEN];
        out.duplicate().get(got);
        assertThat(got).isEqualTo(bytes);
        assertThat(b.isEmpty()).isTrue();
        b.releaseDirect();
        assertThat(DirectBufferPool.lentBytes()).as("the handed-over buffer is still lent").isGreaterThan(lent);
        DirectBufferPool.current().give(out);
        assertThat(DirectBufferPool.lentBytes()).isEqualTo(lent);
    }

    @Test
    void aHandOverOfMostOfTheBytesCopiesTheRestToAnotherBufferAndSmallOnesAreRefused() {
        long lent = DirectBufferPool.lentBytes();
        ReadBuffer b = direct();
        byte[] bytes = pattern(40_000, 2);
        read(b, bytes);
        b.skip(1000);
        assertThat(b.handOver(1000)).as("a small share of the buffer: copied by the caller").isNull();
        assertThat(b.handOver(17_000)).as("less than the rest: copied by the caller").isNull();
        long scannedBefore = b.consumedCount();
        ByteBuffer out = b.handOver(30_000);
        assertThat(out).isNotNull();
        assertThat(b.consumedCount()).isEqualTo(scannedBefore + 30_000);
        byte[] got = new byte[30_000];
        out.duplicate().get(got);
        byte[] want = new byte[30_000];
        System.arraycopy(bytes, 1000, want, 0, 30_000);
        assertThat(got).isEqualTo(want);
        byte[] rest = b.takeAll();
        byte[] wantRest = new byte[9000];
        System.arraycopy(bytes, 31_000, wantRest, 0, 9000);
        assertThat(rest).isEqualTo(wantRest);
        b.releaseDirect();
        DirectBufferPool.current().give(out);
        assertThat(DirectBufferPool.lentBytes()).isEqualTo(lent);
    }

    @Test
    void aHeapBufferIsNeverHandedOver() {
        ReadBuffer b = direct();
        b.append(pattern(LEN, 3));
        assertThat(b.handOver(LEN)).isNull();
        assertThat(b.size()).isEqualTo(LEN);
    }

    @Test
    void readsGrowingPastTheDirectBufferGoOnOnTheHeap() {
        long lent = DirectBufferPool.lentBytes();
        ReadBuffer b = direct();
        byte[] first = pattern(LEN, 4);
        read(b, first);
        assertThat(b.readTarget(LEN)).as("no room for another full read").isNull();
        byte[] second = pattern(LEN, 5);
        b.append(second);
        assertThat(DirectBufferPool.lentBytes()).isEqualTo(lent);
        assertThat(b.take(LEN)).isEqualTo(first);
        assertThat(b.take(LEN)).isEqualTo(second);
    }
}
