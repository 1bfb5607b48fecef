package dev.lenslet.server.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lenslet.core.image.Pixels;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;


/** The odd images users have: each decodes to the right pixels or is refused with a specific message. */
class OddImageDecoderTest {
    private static final long LIMIT = ImageDecoder.DEFAULT_MAX_MEGAPIXELS * 1_000_000L;

    @Test
    void cmykJpegComesOutInItsRgbColours() throws Exception {
        assertCyanLeftRedRight(ImageDecoder.decode(OddImages.cmykJpeg(), LIMIT));
    }

    @Test
    void ycckJpegComesOutInItsRgbColours() throws Exception {
        assertCyanLeftRedRight(ImageDecoder.decode(OddImages.ycckJpeg(), LIMIT));
    }

    private static void assertCyanLeftRedRight(Pixels pixels) {
        int[] left = rgb(pixels, 16, 32);
        int[] right = rgb(pixels, 48, 32);
        assertTrue(left[0] < 80 && left[1] > 150 && left[2] > 150, "cyan, not " + Arrays.toString(left));
        assertTrue(right[0] > 150 && right[1] < 100 && right[2] < 100, "red, not " + Arrays.toString(right));
    }

    @Test
    void sixteenBitGreyKeepsItsRamp() throws Exception {
        Pixels pixels = ImageDecoder.decode(OddImages.grey16Png(), LIMIT);

        assertEquals(0, rgb(pixels, 0, 0)[0]);
        assertEquals(85, rgb(pixels, 1, 0)[1]);
        assertEquals(170, rgb(pixels, 2, 0)[2]);
        assertEquals(255, rgb(pixels, 3, 0)[0]);
    }

    @Test
    void animatedGifGivesItsFirstFrame() throws Exception {
        Pixels pixels = ImageDecoder.decode(OddImages.animatedGif(), LIMIT);

        assertEquals(255, rgb(pixels, 4, 4)[0]);
        assertEquals(0, rgb(pixels, 4, 4)[2]);
    }

    /**
     * Four coloured quadrants as stored; each EXIF orientation shows them where the tag's definition puts them.
     * The expected layouts come from the EXIF specification's eight pictures, not from the decoder: stored
     * quadrants A B / C D are shown as, top left to bottom right,
     * 1 ABCD (as stored), 2 BADC (mirrored), 3 DCBA (upside down), 4 CDAB (mirrored upside down),
     * 5 ACBD (transposed), 6 CADB (turned clockwise), 7 DBCA (transversed), 8 BDAC (turned anticlockwise).
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void exifOrientationIsApplied(int orientation) throws Exception {
        Color[] stored = {Color.RED, Color.GREEN, Color.BLUE, Color.WHITE}; // A, B, C, D
        String[] shown = {null, "ABCD", "BADC", "DCBA", "CDAB", "ACBD", "CADB", "DBCA", "BDAC"};
        byte[] jpeg = OddImages.withExifOrientation(OddImages.encode(OddImages.quadrants(64, 32, stored), "jpg"),
                orientation);

        Pixels pixels = ImageDecoder.decode(jpeg, LIMIT);

        boolean turned = orientation >= 5;
        assertEquals(turned ? 32 : 64, pixels.width);
        assertEquals(turned ? 64 : 32, pixels.height);
        for (int q = 0; q < 4; q++) {
            int x = (2 * (q % 2) + 1) * pixels.width / 4;  // the quadrant's centre
            int y = (2 * (q / 2) + 1) * pixels.height / 4;
            Color expected = stored[shown[orientation].charAt(q) - 'A'];
            int[] actual = rgb(pixels, x, y);
            int[] wanted = {expected.getRed(), expected.getGreen(), expected.getBlue()};
            for (int ch = 0; ch < 3; ch++) {
                assertTrue(Math.abs(actual[ch] - wanted[ch]) < 40, "orientation " + orientation + ", quadrant " + q
                        + ": " + Arrays.toString(actual) + " is not stored quadrant " + shown[orientation].charAt(q));
            }
        }
    }

    /** EXIF blocks that lie about their own structure: the image decodes as stored, never an error. */
    @Test
    void damagedExifLeavesTheImageAsStored() throws Exception {
        byte[] jpeg = OddImages.encode(OddImages.redLeftBlueRight(64, 32), "jpg");
        byte[][] damaged = {
                {},                                                             // no TIFF header at all
                {'I', 'I', 0x2A, 0},                                            // header cut short
                {'M', 'M', 0, 0x2A, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF}, // IFD0 far past the end
                {'I', 'I', 0x2A, 0, 8, 0, 0, 0, (byte) 0xFF, (byte) 0xFF},      // 65535 entries, none there
                {'I', 'I', 0x2A, 0, 8, 0, 0, 0, 1, 0,                           // Orientation 9: out of range
                        0x12, 0x01, 3, 0, 1, 0, 0, 0, 9, 0, 0, 0, 8, 0, 0, 0},  // and a next IFD that is IFD0
                {'X', 'X', 0x2A, 0, 8, 0, 0, 0},                                // neither byte order
        };
        for (byte[] tiff : damaged) {
            Pixels pixels = ImageDecoder.decode(OddImages.withExif(jpeg, tiff), LIMIT);

            assertEquals(64, pixels.width, Arrays.toString(tiff));
            assertTrue(rgb(pixels, 16, 16)[0] > 200 && rgb(pixels, 48, 16)[2] > 200, Arrays.toString(tiff));
        }
    }

    @Test
    void tinyAndExtremelyWideImagesDecode() throws Exception {
        assertEquals(1, ImageDecoder.decode(OddImages.encode(new BufferedImage(1, 1,
                BufferedImage.TYPE_INT_RGB), "png"), LIMIT).width);
        Pixels wide = ImageDecoder.decode(OddImages.encode(OddImages.redLeftBlueRight(10_000, 50), "png"), LIMIT);
        assertEquals(10_000, wide.width);
        assertEquals(50, wide.height);
    }

    /** 10 gigapixels declared in a few hundred bytes: refused from the header, at once, without the memory. */
    @Test
    void decompressionBombsAreRefusedFromTheirHeader() {
        for (byte[] bomb : new byte[][] {OddImages.pngDeclaring(100_000, 100_000),
                OddImages.jpegDeclaring(65_000, 65_000)}) {
            UnreadableImageException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> assertThrows(UnreadableImageException.TooManyPixels.class,
                            () -> ImageDecoder.decode(bomb, LIMIT)));
            assertTrue(e.getMessage().contains("more than the limit of 50.0") && e.getMessage().contains("megapixels"),
                    e.getMessage());
        }
    }

    @Test
    void pixelLimitIsTheCallersChoice() throws Exception {
        byte[] image = OddImages.encode(OddImages.redLeftBlueRight(2000, 1000), "png");

        assertEquals(2000, ImageDecoder.decode(image, 2_000_000).width);
        assertThrows(UnreadableImageException.TooManyPixels.class, () -> ImageDecoder.decode(image, 1_999_999));
    }

    @ParameterizedTest
    @ValueSource(strings = {"WebP", "HEIC", "AVIF", "JPEG XL"})
    void formatsWithoutADecoderAreNamed(String format) {
        UnreadableImageException e = assertThrows(UnreadableImageException.UnsupportedFormat.class,
                () -> ImageDecoder.decode(OddImages.startOf(format), LIMIT));

        assertEquals(format + " is not supported by this decoder; convert to JPEG or PNG", e.getMessage());
    }

    @Test
    void emptyTruncatedAndTextFilesAreRefused() {
        byte[] jpeg = OddImages.encode(OddImages.redLeftBlueRight(64, 64), "jpg");
        byte[] png = OddImages.encode(OddImages.redLeftBlueRight(64, 64), "png");

        assertTrue(message(new byte[0]).contains("empty"));
        assertTrue(message(OddImages.truncated(jpeg)).contains("cut short"), message(OddImages.truncated(jpeg)));
        assertTrue(message(OddImages.truncated(png)).contains("cut short"), message(OddImages.truncated(png)));
        assertTrue(message("hello, I am text".getBytes(StandardCharsets.UTF_8)).contains("not a JPEG, PNG"));
    }

    @Test
    void filesAreReadLikeBytes() throws Exception {
        Path file = Files.createTempFile("rotated", ".jpg");
        try {
            byte[] jpeg = OddImages.withExifOrientation(OddImages.encode(OddImages.redLeftBlueRight(64, 32), "jpg"), 6);
            Files.write(file, jpeg);
            assertEquals(32, ImageDecoder.decode(file, LIMIT).width);
        } finally {
            Files.delete(file);
        }
    }

    private static String message(byte[] image) {
        return assertThrows(UnreadableImageException.class, () -> ImageDecoder.decode(image, LIMIT)).getMessage();
    }

    private static int[] rgb(Pixels pixels, int x, int y) {
        int i = (y * pixels.width + x) * 3;
        return new int[] {pixels.data[i] & 0xFF, pixels.data[i + 1] & 0xFF, pixels.data[i + 2] & 0xFF};
    }
}
