package dev.ioasync.routine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The loop's frame reader: frames coalesced into one read come out one by one and in order,
 * frames cut anywhere come out whole, and a header over its limit is refused before any payload
 * buffer exists.
 */
class FrameParserTest {

    private static final Frames.Limits SIXTY_FOUR_MIB = (kind, channel) -> 64 << 20;

    private record Seen(byte kind, int channel, byte[] payload) {
        @Override
        public String toString() {
            return kind + "/" + channel + "/" + payload.length + "/" + (payload.length == 0 ? -1 : payload[0]);
        }
    }

    private static byte[] stream(List<Seen> frames) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (Seen f : frames) {
            b.write(Frames.frame(f.kind(), f.channel(), f.payload()));
        }
        return b.toByteArray();
    }

    private static List<Seen> sample() {
        List<Seen> frames = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            byte[] p = new byte[i % 7 == 0 ? 0 : i * 13];
            java.util.Arrays.fill(p, (byte) i);
            frames.add(new Seen(i % 3 == 0 ? Frames.EOF : Frames.MESSAGE, i % 5, p));
        }
        return frames;
    }

    private static List<String> parse(byte[] bytes, int piece) throws IOException {
        FrameParser parser = new FrameParser(SIXTY_FOUR_MIB);
        List<String> out = new ArrayList<>();
        for (int at = 0; at < bytes.length; at += piece) {
            ByteBuffer b = ByteBuffer.wrap(bytes, at, Math.min(piece, bytes.length - at));
            parser.feed(b, (kind, ch, payload) -> out.add(new Seen(kind, ch, payload).toString()));
            assertThat(b.hasRemaining()).as("a feed consumes all it is given").isFalse();
        }
        assertThat(parser.truncation()).as("the stream ended between frames").isNull();
        return out;
    }

    @Test
    void framesCoalescedInOneReadComeOutOneByOneInOrder() throws IOException {
        List<Seen> frames = sample();
        byte[] bytes = stream(frames);
        assertThat(parse(bytes, bytes.length)).isEqualTo(frames.stream().map(Seen::toString).toList());
    }

    @Test
    void framesCutAtEveryPieceSizeComeOutWhole() throws IOException {
        List<Seen> frames = sample();
        byte[] bytes = stream(frames);
        List<String> expected = frames.stream().map(Seen::toString).toList();
        for (int piece = 1; piece <= 64; piece++) {
            assertThat(parse(bytes, piece)).as("in pieces of %d bytes", piece).isEqualTo(expected);
        }
    }

    @Test
    void aPayloadBiggerThanTheFirstChunkArrivingInPiecesIsWholeAndIntact() throws IOException {
        int n = 3 * Frames.FIRST_CHUNK + 17;
        byte[] p = new byte[n];
        for (int i = 0; i < n; i++) {
            p[i] = (byte) (i * 31);
        }
        byte[] bytes = Frames.frame(Frames.MESSAGE, 1, p);
        FrameParser parser = new FrameParser(SIXTY_FOUR_MIB);
        List<byte[]> got = new ArrayList<>();
        for (int at = 0; at < bytes.length; at += 5000) {
            parser.feed(ByteBuffer.wrap(bytes, at, Math.min(5000, bytes.length - at)), (k, c, payload) -> got.add(payload));
        }
        assertThat(got).hasSize(1);
        assertThat(got.get(0)).isEqualTo(p);
    }

    @Test
    void aHeaderOverItsLimitIsRefusedBeforeAnyPayloadBuffer() {
        byte[] header = {(byte) 0xA5, Frames.MESSAGE, 0, 2, 0x04, 0, 0, 0};
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        FrameParser parser = new FrameParser((kind, channel) -> 16 << 20);
        assertThatThrownBy(() -> parser.feed(ByteBuffer.wrap(header), (k, c, p) -> { }))
                .isInstanceOf(MalformedFrameException.class).hasMessageContaining("frame too large")
                .hasMessageContaining("67108864").hasMessageContaining("16777216");
        assertThat(threads.getCurrentThreadAllocatedBytes() - before).as("bytes allocated").isLessThan(1 << 20);
    }

    @Test
    void anAnnouncedPayloadThatNeverComesCostsLittleMemoryAndIsATruncation() throws IOException {
        byte[] stream = java.util.Arrays.copyOf(new byte[] {(byte) 0xA5, Frames.MESSAGE, 0, 0, 0x04, 0, 0, 0}, 18);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        FrameParser parser = new FrameParser(SIXTY_FOUR_MIB);
        parser.feed(ByteBuffer.wrap(stream), (k, c, p) -> { });
        assertThat(threads.getCurrentThreadAllocatedBytes() - before).as("bytes allocated").isLessThan(1 << 20);
        assertThat(parser.truncation()).contains("truncated frame").contains("after 10");
    }

    @Test
    void aWrongFirstByteOrAnUnknownKindIsMalformed() {
        assertThatThrownBy(() -> new FrameParser(SIXTY_FOUR_MIB).feed(ByteBuffer.wrap(new byte[] {'h', 'i'}),
                (k, c, p) -> { })).isInstanceOf(MalformedFrameException.class).hasMessageContaining("byte 0x68");
        assertThatThrownBy(() -> new FrameParser(SIXTY_FOUR_MIB).feed(ByteBuffer.wrap(
                new byte[] {(byte) 0xA5, 9, 0, 0, 0, 0, 0, 0}), (k, c, p) -> { }))
                .isInstanceOf(MalformedFrameException.class).hasMessageContaining("unknown kind 9");
    }

    @Test
    void aReceiverThatThrowsLeavesTheParserAfterItsFrame() throws IOException {
        List<Seen> frames = sample();
        ByteBuffer b = ByteBuffer.wrap(stream(frames));
        FrameParser parser = new FrameParser(SIXTY_FOUR_MIB);
        List<String> out = new ArrayList<>();
        int thrown = 0;
        while (b.hasRemaining()) {
            try {
                parser.feed(b, (kind, ch, payload) -> {
                    out.add(new Seen(kind, ch, payload).toString());
                    if (out.size() % 4 == 0) {
                        throw new IOException("receiver " + out.size());
                    }
                });
            } catch (IOException e) {
                thrown++;
            }
        }
        assertThat(thrown).isEqualTo(10);
        assertThat(out).isEqualTo(frames.stream().map(Seen::toString).toList());
    }
}
