package dev.lenslet.server.image;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The heap that decoded images may take at once, shared by every decode in the JVM. Each image reserves what
 * its header says it will need before a pixel is decoded, and keeps it until its pixels are no longer used, so
 * that no accepted image can end in an OutOfMemoryError whatever {@code -Xmx} is.
 */
public final class MemoryBudget {
    /**
     * Half the maximum heap: the rest holds the model and classifiers, uploads still arriving and the server's
     * own buffers.
     */
    public static final MemoryBudget SHARED = new MemoryBudget(Runtime.getRuntime().maxMemory() / 2);
    private static final long KIB = 1024;

    private final long totalBytes;
    private final Semaphore kibibytes;

    MemoryBudget(long totalBytes) {
        this.totalBytes = totalBytes;
        this.kibibytes = new Semaphore((int) Math.min(Integer.MAX_VALUE, totalBytes / KIB), true);
    }

    /** What has been reserved; closing it gives the memory back. */
    public final class Reservation implements AutoCloseable {
        private final int permits;
        private boolean released;

        private Reservation(int permits) {
            this.permits = permits;
        }

        @Override
        public synchronized void close() {
            if (!released) {
                released = true;
                kibibytes.release(permits);
            }
        }
    }

    /**
     * Reserves {@code bytes}, waiting up to {@code maxWait} for other images to give memory back.
     *
     * @param what the image and its size, as the message names it
     * @throws UnreadableImageException.TooLarge if {@code bytes} is more than the whole budget
     * @throws UnreadableImageException.MemoryBusy if the memory did not become free in time
     */
    Reservation reserve(long bytes, Duration maxWait, String what) throws UnreadableImageException {
        if (bytes > totalBytes) {
            throw new UnreadableImageException.TooLarge(what + " needs about " + mebibytes(bytes)
                    + " MB of memory to decode, more than the " + mebibytes(totalBytes) + " MB one image may use"
                    + " (half of Java's maximum heap); shrink it, or give Java more memory (java -Xmx4g -jar ...)");
        }
        int permits = (int) ((bytes + KIB - 1) / KIB);
        try {
            if (!kibibytes.tryAcquire(permits, maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new UnreadableImageException.MemoryBusy("other images are using the memory this one needs ("
                        + mebibytes(bytes) + " MB)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnreadableImageException.Abandoned("stopped: the program is shutting down");
        }
        return new Reservation(permits);
    }

    private static long mebibytes(long bytes) {
        return (bytes + (1 << 20) - 1) >> 20;
    }
}
