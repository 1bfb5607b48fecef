package dev.lenslet.server.image;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Heap that images may take at once, reserved before it is used and kept until the bytes are no longer used, so
 * that no accepted image can end in an OutOfMemoryError whatever {@code -Xmx} is. The JVM's images share two
 * budgets, made the first time either is asked for: half of the heap left free by what the program keeps (the
 * model and classifiers, which the server and the command line load first), measured after a full collection;
 * with -Xmx192m about 58 MB, with a heap of gigabytes nearly half of it. The other half is for buffers and
 * passing copies. A quarter of the budgets is for {@link #forEncoded() encoded} images, three quarters for
 * {@link #forDecoded() decoded} ones: an image holds its encoded bytes while it waits for memory to decode them,
 * and from a single budget images could each hold the first and wait for one another's.
 */
public final class MemoryBudget {
    private static final long KIB = 1024;

    private final long totalBytes;
    private final Semaphore kibibytes;

    /** For encoded images held in memory: uploads as they arrive, files as they are read. */
    public static MemoryBudget forEncoded() {
        return Shared.ENCODED;
    }

    /** For decoded pixels, from what an image's header says, before a pixel is decoded. */
    public static MemoryBudget forDecoded() {
        return Shared.DECODED;
    }

    private static final class Shared {
        static final long BYTES = halfTheFreeHeap();
        static final MemoryBudget ENCODED = new MemoryBudget(BYTES / 4);
        static final MemoryBudget DECODED = new MemoryBudget(BYTES - BYTES / 4);
    }

    private static long halfTheFreeHeap() {
        System.gc(); // what is kept, without the garbage of loading it (a no-op under -XX:+DisableExplicitGC: less)
        Runtime heap = Runtime.getRuntime();
        long kept = heap.totalMemory() - heap.freeMemory();
        return Math.max(0, heap.maxMemory() - kept) / 2;
    }

    public MemoryBudget(long totalBytes) {
        this.totalBytes = totalBytes / KIB * KIB; // whole kibibytes, as they are counted
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
                    + " MB of memory, more than the " + mebibytes(totalBytes) + " MB all images may use at once"
                    + " (from Java's free heap); shrink it, or give Java more memory (java -Xmx4g -jar ...)");
        }
        int permits = permits(bytes);
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

    /**
     * Reserves {@code bytes} if they are free now, without waiting: for a caller that must not block a thread.
     * Empty when other images hold the memory, or when {@code bytes} is more than {@link #totalBytes()}.
     */
    public Optional<Reservation> tryReserve(long bytes) {
        int permits = permits(bytes);
        return bytes <= totalBytes && kibibytes.tryAcquire(permits) ? Optional.of(new Reservation(permits))
                : Optional.empty();
    }

    /** All the memory images may hold at once. */
    public long totalBytes() {
        return totalBytes;
    }

    /** What is not reserved now. */
    public long availableBytes() {
        return kibibytes.availablePermits() * KIB;
    }

    /** Whole kibibytes for {@code bytes}, rounded up; beyond every budget when more than an int counts. */
    private static int permits(long bytes) {
        return (int) Math.min(Integer.MAX_VALUE, (bytes + KIB - 1) / KIB);
    }

    /** Bytes as messages give them: mebibytes, rounded up. */
    public static long mebibytes(long bytes) {
        return (bytes + (1 << 20) - 1) >> 20;
    }
}
