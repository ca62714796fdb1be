package dev.ioasync.stream;

/**
 * Finds a delimiter in a {@link ReadBuffer} that fills up over many reads, remembering how far
 * it already looked: each call looks only at the bytes added since the last one (plus the
 * delimiter's length less one, for a match split across reads), so the total work is linear in
 * the bytes read rather than quadratic.
 */
final class DelimiterScan {

    private final byte[] delimiter;
    private long scanned;
    private int rewinds = -1;

    DelimiterScan(byte[] delimiter) {
        this.delimiter = delimiter;
    }

    /**
     * The index of the first match.
     *
     * @param buffer the buffer
     * @return the index of the start of the match, or -1
     */
    int find(ReadBuffer buffer) {
        long base = buffer.consumedCount();
        int from = rewinds == buffer.rewindCount() ? (int) Math.max(0, scanned - base) : 0;
        int i = buffer.indexOf(delimiter, from);
        if (i < 0) {
            // a match can start no earlier than the last (length - 1) bytes
            scanned = base + Math.max(0, buffer.size() - delimiter.length + 1);
            rewinds = buffer.rewindCount();
        }
        return i;
    }
}
