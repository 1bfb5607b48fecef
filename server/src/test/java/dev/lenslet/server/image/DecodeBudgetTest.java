package dev.lenslet.server.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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

    /**
     * Java's own wording stays out of the message the user reads, even with no pixel limit: here the JPEG reader's
     * overflow check (a header declaring more than 2^31 pixels, once answered "destination width * height >
     * Integer.MAX_VALUE: 4225000000").
     */
    @Test
    void messagesNeverQuoteJavaOverflowChecks() {
        assertPlainMessage(OddImages.jpegDeclaring(65_000, 65_000));
    }

    /**
     * A 16-bit RGBA PNG declaring more pixels than this JVM's heap can hold (about 1.25 times it, at 8 bytes a
     * pixel) is refused by the memory budget before the decoder asks for the memory; without the budget, the
     * decoder's OutOfMemoryError surfaced as "Caught exception during read: (Java heap space)".
     */
    @Test
    void messagesNeverQuoteOutOfMemory() {
        long pixels = Runtime.getRuntime().maxMemory() / 8 * 5 / 4;
        int side = (int) Math.ceil(Math.sqrt(pixels));
        assertTrue(4L * side * side < Integer.MAX_VALUE, "one array of 16-bit samples must be able to hold the"
                + " image, so that only the heap is short; run the tests with -Xmx below 3 GB (server/pom.xml)");

        UnreadableImageException e = assertPlainMessage(HostileImages.rgba16PngDeclaring(side, side));
        assertTrue(e.getMessage().contains("-Xmx"), e.getMessage());
    }

    private static UnreadableImageException assertPlainMessage(byte[] image) {
        UnreadableImageException e = assertThrows(UnreadableImageException.class,
                () -> ImageDecoder.decode(image, Long.MAX_VALUE));
        for (String internal : List.of("Integer.MAX_VALUE", "Exception", "exception", "Java heap space")) {
            assertFalse(e.getMessage().contains(internal), e.getMessage());
        }
        return e;
    }
}
