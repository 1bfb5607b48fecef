package dev.lenslet.server;

import dev.lenslet.core.image.Pixels;
import java.nio.charset.StandardCharsets;

/**
 * The EXIF Orientation tag of a JPEG (how the camera was held) and the turn that shows its pixels upright.
 * Phones store photos as the sensor saw them and set this tag instead of rotating; classifying the stored
 * pixels would show the model a sideways scene.
 */
final class ExifOrientation {
    static final int NORMAL = 1;
    private static final int TAG_ORIENTATION = 0x0112;
    private static final int TYPE_SHORT = 3;

    private ExifOrientation() {
    }

    /**
     * The Orientation (1..8) from the first EXIF segment of a JPEG, or {@link #NORMAL} when there is none or it
     * cannot be read: a damaged EXIF block never stops the image itself from being classified.
     */
    static int of(byte[] jpeg) {
        if (jpeg.length < 4 || (jpeg[0] & 0xFF) != 0xFF || (jpeg[1] & 0xFF) != 0xD8) {
            return NORMAL;
        }
        int pos = 2;
        while (pos + 4 <= jpeg.length && (jpeg[pos] & 0xFF) == 0xFF) {
            int marker = jpeg[pos + 1] & 0xFF;
            int length = u16(jpeg, pos + 2, false);
            if (marker == 0xDA || length < 2) { // start of scan: the metadata segments are over
                return NORMAL;
            }
            int data = pos + 4;
            if (marker == 0xE1 && data + 6 <= jpeg.length && new String(jpeg, data, 6,
                    StandardCharsets.ISO_8859_1).equals("Exif\0\0")) {
                return fromTiff(jpeg, data + 6, Math.min(jpeg.length, pos + 2 + length));
            }
            pos += 2 + length;
        }
        return NORMAL;
    }

    /** Reads IFD0 of the TIFF structure in {@code bytes[start, end)}. */
    private static int fromTiff(byte[] bytes, int start, int end) {
        if (start + 8 > end) {
            return NORMAL;
        }
        boolean little = bytes[start] == 'I' && bytes[start + 1] == 'I';
        long ifd = start + u32(bytes, start + 4, little);
        if (ifd + 2 > end) {
            return NORMAL;
        }
        int entries = u16(bytes, (int) ifd, little);
        for (int i = 0; i < entries; i++) {
            long entry = ifd + 2 + 12L * i;
            if (entry + 12 > end) {
                return NORMAL;
            }
            int e = (int) entry;
            if (u16(bytes, e, little) == TAG_ORIENTATION && u16(bytes, e + 2, little) == TYPE_SHORT) {
                int value = u16(bytes, e + 8, little);
                return value >= 1 && value <= 8 ? value : NORMAL;
            }
        }
        return NORMAL;
    }

    /**
     * The pixels as they are meant to be seen. Orientations 5..8 swap width and height. Each output pixel (x, y)
     * is read from the stored pixel the tag's definition maps it to.
     */
    static Pixels upright(Pixels stored, int orientation) {
        if (orientation == NORMAL) {
            return stored;
        }
        int w = stored.width;   // stored: [h][w][c]
        int h = stored.height;
        int c = stored.channels;
        boolean swap = orientation >= 5;
        int outW = swap ? h : w;
        int outH = swap ? w : h;
        byte[] out = new byte[outW * outH * c]; // [outH][outW][c]
        for (int y = 0; y < outH; y++) {
            for (int x = 0; x < outW; x++) {
                int sx;
                int sy;
                switch (orientation) {
                    case 2 -> { sx = w - 1 - x; sy = y; }          // mirrored
                    case 3 -> { sx = w - 1 - x; sy = h - 1 - y; }  // upside down
                    case 4 -> { sx = x; sy = h - 1 - y; }          // mirrored upside down
                    case 5 -> { sx = y; sy = x; }                  // transposed
                    case 6 -> { sx = y; sy = h - 1 - x; }          // turn 90° clockwise to view
                    case 7 -> { sx = w - 1 - y; sy = h - 1 - x; }  // transversed
                    case 8 -> { sx = w - 1 - y; sy = x; }          // turn 90° anticlockwise to view
                    default -> throw new IllegalArgumentException("EXIF orientation " + orientation);
                }
                System.arraycopy(stored.data, (sy * w + sx) * c, out, (y * outW + x) * c, c);
            }
        }
        return new Pixels(out, outW, outH, c);
    }

    private static int u16(byte[] b, int pos, boolean little) {
        if (pos < 0 || pos + 2 > b.length) {
            return 0;
        }
        int first = b[pos] & 0xFF;
        int second = b[pos + 1] & 0xFF;
        return little ? first | second << 8 : first << 8 | second;
    }

    private static long u32(byte[] b, int pos, boolean little) {
        long high = u16(b, little ? pos + 2 : pos, little);
        long low = u16(b, little ? pos : pos + 2, little);
        return high << 16 | low;
    }
}
