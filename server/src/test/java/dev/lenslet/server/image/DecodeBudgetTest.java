package dev.lenslet.server.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Small files that would cost minutes or gigabytes are refused from their header or stopped mid-decode. */
class DecodeBudgetTest {
    private static final long LIMIT = ImageDecoder.DEFAULT_MAX_MEGAPIXELS * 1_000_000L;

    @Test
    void progressiveJpegWithManyScansIsRefusedUndecoded() {
        byte[] jpeg = HostileImages.progressiveJpegWithScans(500);

        UnreadableImageException e = assertThrows(UnreadableImageException.TooLarge.class,
                () -> ImageDecoder.decode(jpeg, LIMIT));
        assertTrue(e.getMessage().contains("progressive scans"), e.getMessage());
    }

    @Test
    void ordinaryProgressiveJpegDecodes() throws Exception {
        assertEquals(64, ImageDecoder.decode(HostileImages.progressiveJpegWithScans(0), LIMIT).width);
    }

    /** 50 MP of 16-bit RGBA: 550 MB to decode, refused from the header against the memory budget. */
    @Test
    void memoryIsBudgetedFromBytesPerPixel() {
        byte[] png = HostileImages.rgba16PngDeclaring(7000, 7000);
        DecodeLimits limits = new DecodeLimits(LIMIT, Duration.ofSeconds(20), new MemoryBudget(256L << 20),
                Duration.ZERO);

        UnreadableImageException e = assertThrows(UnreadableImageException.TooLarge.class,
                () -> ImageDecoder.decode(png, limits, () -> false));
        assertTrue(e.getMessage().contains("8 bytes per pixel") && e.getMessage().contains("-Xmx"), e.getMessage());
    }

    @Test
    void decodingStopsWhenNoLongerWantedOrOverTime() {
        byte[] png = OddImages.encode(OddImages.redLeftBlueRight(400, 300), "png");
        DecodeLimits noTime = new DecodeLimits(LIMIT, Duration.ZERO, new MemoryBudget(64L << 20), Duration.ZERO);
        DecodeLimits enoughTime = new DecodeLimits(LIMIT, Duration.ofMinutes(1), new MemoryBudget(64L << 20),
                Duration.ZERO);

        UnreadableImageException late = assertThrows(UnreadableImageException.TooLarge.class,
                () -> ImageDecoder.decode(png, noTime, () -> false));
        assertTrue(late.getMessage().contains("to decode"), late.getMessage());
        assertThrows(UnreadableImageException.Abandoned.class, () -> ImageDecoder.decode(png, enoughTime, () -> true));
    }

    /** The memory is given back when the pixels are done with, so the next image fits again. */
    @Test
    void reservationsAreGivenBack() throws Exception {
        byte[] png = OddImages.encode(OddImages.redLeftBlueRight(1000, 1000), "png");
        DecodeLimits limits = new DecodeLimits(LIMIT, Duration.ofMinutes(1), new MemoryBudget(10L << 20),
                Duration.ZERO);
        try (DecodedImage first = ImageDecoder.decode(png, limits, () -> false)) {
            assertThrows(UnreadableImageException.MemoryBusy.class, () -> ImageDecoder.decode(png, limits, () -> false));
        }
        try (DecodedImage again = ImageDecoder.decode(png, limits, () -> false)) {
            assertEquals(1000, again.pixels().width);
        }
    }

    @Test
    void unlistedFormatsNeverReachADecoder(@TempDir Path folder) throws Exception {
        for (byte[] image : new byte[][] {HostileImages.unlisted("tiff", 8), HostileImages.unlisted("wbmp", 16),
                HostileImages.tiffDeclaringFloatSamples()}) {
            Path file = Files.write(folder.resolve("image.png"), image); // the name does not matter either
            UnreadableImageException e = assertThrows(UnreadableImageException.UnsupportedFormat.class,
                    () -> ImageDecoder.decode(file, LIMIT));
            assertTrue(e.getMessage().contains("TIFF is not supported") || e.getMessage().contains("not a JPEG, PNG"),
                    e.getMessage());
        }
    }

    /** Java's own wording (here ImageIO's overflow check) stays out of the message the user reads. */
    @Test
    void messagesNeverQuoteJavaInternals() {
        UnreadableImageException e = assertThrows(UnreadableImageException.class,
                () -> ImageDecoder.decode(OddImages.pngDeclaring(100_000, 100_000), Long.MAX_VALUE));
        assertFalse(e.getMessage().contains("Integer.MAX_VALUE") || e.getMessage().contains("Exception"),
                e.getMessage());
    }
}
