package dev.lenslet.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lenslet.core.image.Pixels;
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
        Pixels pixels = ImageDecoder.decode(OddImages.cmykJpeg(), LIMIT);

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

    /** Red left, blue right as stored; each EXIF orientation puts the red half where the tag says. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void exifOrientationIsApplied(int orientation) throws Exception {
        byte[] jpeg = OddImages.withExifOrientation(OddImages.encode(OddImages.redLeftBlueRight(64, 32), "jpg"),
                orientation);

        Pixels pixels = ImageDecoder.decode(jpeg, LIMIT);

        boolean turned = orientation >= 5;
        assertEquals(turned ? 32 : 64, pixels.width);
        assertEquals(turned ? 64 : 32, pixels.height);
        // Where the stored left (red) half ends up: 1 left, 2 right (mirror), 3 right, 4 left; 5 top, 6 top
        // (turned clockwise), 7 bottom, 8 bottom.
        boolean redFirst = switch (orientation) {
            case 1, 4, 5, 6 -> true;
            default -> false;
        };
        int[] first = rgb(pixels, 16, 16);
        int[] second = turned ? rgb(pixels, 16, 48) : rgb(pixels, 48, 16);
        assertTrue((redFirst ? first : second)[0] > 200, "red where orientation " + orientation + " puts it");
        assertTrue((redFirst ? second : first)[2] > 200, "blue where orientation " + orientation + " puts it");
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
