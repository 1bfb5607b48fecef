package dev.lenslet.server.image;

import java.time.Duration;

/**
 * How much work one image may cost to decode. Each is checked from the header before a pixel is decoded, except
 * the time, which stops the reader mid-image.
 *
 * @param maxPixels  the most pixels an image may declare
 * @param maxTime    how long decoding may take before it is stopped
 * @param memory     the heap shared by every decoded image
 * @param memoryWait how long to wait for other images to give memory back before giving up
 */
public record DecodeLimits(long maxPixels, Duration maxTime, MemoryBudget memory, Duration memoryWait) {
    /** Several times what a 50 MP baseline JPEG or PNG takes to decode. */
    public static final Duration DEFAULT_MAX_TIME = Duration.ofSeconds(20);
    /** A batch on the command line waits for the memory of the files before it rather than fail. */
    private static final Duration BATCH_MEMORY_WAIT = Duration.ofHours(1);
    /** More scans than any encoder writes (libjpeg 10, mozjpeg under 20); each costs a pass over the image. */
    static final int MAX_JPEG_SCANS = 64;

    /** The pixel limit given, the other limits as shipped, waiting as long as a batch needs for memory. */
    public static DecodeLimits of(long maxPixels) {
        return new DecodeLimits(maxPixels, DEFAULT_MAX_TIME, MemoryBudget.forDecoded(), BATCH_MEMORY_WAIT);
    }
}
