package dev.lenslet.server.image;

/**
 * Counts the scans of a JPEG by walking its markers. A progressive JPEG refines the whole picture once per scan,
 * so decoding costs about one full pass per scan: a small file can repeat scans by the thousand and keep a core
 * busy for minutes. Encoders write 10 or fewer (libjpeg's progression; mozjpeg's optimised ones stay below 20).
 */
final class JpegScans {
    private static final int MARKER = 0xFF;
    private static final int START_OF_SCAN = 0xDA;
    private static final int END_OF_IMAGE = 0xD9;

    private JpegScans() {
    }

    /**
     * The number of start-of-scan markers, counting only until {@code limit + 1} (enough to refuse a file);
     * embedded thumbnails do not count, as they sit inside APP segments that are skipped whole.
     */
    static int count(byte[] jpeg, int limit) {
        int scans = 0;
        int at = 2; // after the start-of-image marker
        while (at + 3 < jpeg.length && scans <= limit) {
            if ((jpeg[at] & 0xFF) != MARKER) {
                return scans; // not a marker where one must be: the decoder reports the damage
            }
            int marker = jpeg[at + 1] & 0xFF;
            if (marker == MARKER) {
                at++; // fill byte before a marker
                continue;
            }
            if (marker == END_OF_IMAGE) {
                return scans;
            }
            int length = ((jpeg[at + 2] & 0xFF) << 8) | (jpeg[at + 3] & 0xFF);
            at += 2 + length;
            if (marker == START_OF_SCAN) {
                scans++;
                at = endOfEntropyData(jpeg, at);
            }
        }
        return scans;
    }

    /** Entropy-coded data ends at the first marker that is not a stuffed 0xFF00 or a restart marker (0xD0..D7). */
    private static int endOfEntropyData(byte[] jpeg, int at) {
        for (int i = at; i + 1 < jpeg.length; i++) {
            int next = jpeg[i + 1] & 0xFF;
            if ((jpeg[i] & 0xFF) == MARKER && next != 0 && next != MARKER && (next < 0xD0 || next > 0xD7)) {
                return i;
            }
        }
        return jpeg.length;
    }
}
