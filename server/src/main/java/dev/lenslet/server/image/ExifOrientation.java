package dev.lenslet.server.image;

import com.drew.imaging.jpeg.JpegMetadataReader;
import com.drew.imaging.jpeg.JpegProcessingException;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifReader;
import dev.lenslet.core.image.Pixels;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;

/**
 * The EXIF Orientation tag of a JPEG (how the camera was held) and the turn that shows its pixels upright.
 * Phones store photos as the sensor saw them and set this tag instead of rotating; classifying the stored
 * pixels would show the model a sideways scene.
 */
final class ExifOrientation {
    static final int NORMAL = 1;

    private ExifOrientation() {
    }

    /**
     * The Orientation (1..8) from the EXIF block of a JPEG, or {@link #NORMAL} when there is none or it cannot be
     * read: a damaged EXIF block never stops the image itself from being classified.
     */
    static int of(byte[] image) {
        if (image.length < 2 || (image[0] & 0xFF) != 0xFF || (image[1] & 0xFF) != 0xD8) {
            return NORMAL; // not a JPEG: PNG, BMP and GIF are shown as stored
        }
        try {
            Metadata metadata = JpegMetadataReader.readMetadata(new ByteArrayInputStream(image),
                    List.of(new ExifReader()));
            ExifIFD0Directory ifd0 = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
            Integer value = ifd0 == null ? null : ifd0.getInteger(ExifIFD0Directory.TAG_ORIENTATION);
            return value != null && value >= 1 && value <= 8 ? value : NORMAL;
        } catch (JpegProcessingException | IOException | RuntimeException e) {
            // Hostile or damaged metadata: the pixels are ImageIO's to judge, the turn falls back to none.
            return NORMAL;
        }
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
}
