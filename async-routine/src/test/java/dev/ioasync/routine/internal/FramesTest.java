package dev.ioasync.routine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** Reading frames: limits checked before allocating, buffers that grow with what arrives. */
class FramesTest {

    private static final Frames.Limits SIXTY_FOUR_MIB = (kind, channel) -> 64 << 20;

    private static byte[] header(int length) {
        return new byte[] {(byte) 0xA5, Frames.MESSAGE, 0, 0, (byte) (length >>> 24), (byte) (length >>> 16),
                (byte) (length >>> 8), (byte) length};
    }

    @Test
    void aHeaderOverTheLimitIsRefusedBeforeThePayload() {
        byte[] h = header(64 << 20);
        assertThatThrownBy(() -> Frames.read(new DataInputStream(new ByteArrayInputStream(h)),
                (kind, channel) -> 16 << 20)).isInstanceOf(MalformedFrameException.class)
                .hasMessageContaining("frame too large").hasMessageContaining("67108864")
                .hasMessageContaining("16777216");
    }

    @Test
    void anAnnounced64MiBPayloadThatNeverComesCostsLittleMemory() {
        byte[] h = header(64 << 20);
        byte[] stream = java.util.Arrays.copyOf(h, h.length + 10);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        assertThatThrownBy(() -> Frames.read(new DataInputStream(new ByteArrayInputStream(stream)), SIXTY_FOUR_MIB))
                .isInstanceOf(MalformedFrameException.class).hasMessageContaining("truncated frame")
                .hasMessageContaining("after 10");
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(allocated).as("bytes allocated reading the frame").isLessThan(1 << 20);
    }

    @Test
    void aPayloadBiggerThanTheFirstChunkArrivesWhole() throws Exception {
        int n = 3 * Frames.FIRST_CHUNK + 17;
        byte[] payload = new byte[n];
        for (int i = 0; i < n; i++) {
            payload[i] = (byte) i;
        }
        byte[] h = header(n);
        byte[] stream = new byte[h.length + n];
        System.arraycopy(h, 0, stream, 0, h.length);
        System.arraycopy(payload, 0, stream, h.length, n);
        Frames.Frame f = Frames.read(new DataInputStream(new ByteArrayInputStream(stream)), SIXTY_FOUR_MIB);
        assertThat(f.payload()).isEqualTo(payload);
    }
}
