package dev.lenslet.server.http;

import dev.lenslet.server.image.MemoryBudget;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.eclipse.jetty.http.HttpStatus;

/**
 * The bytes of one upload, in one array whose memory is reserved from the budget for encoded images
 * ({@link MemoryBudget#forEncoded()}) before the array is made: at once for a declared length, as the array
 * doubles for a body of unknown length; a form reserves each byte as many times as it is copied
 * ({@link ImageUpload#FORM_COPIES}).
 * Nothing waits for memory (the upload holds no thread): when other images hold it, the upload is refused with 503.
 * Closing gives the memory back; not thread-safe.
 */
final class UploadBuffer implements AutoCloseable {
    private static final int FIRST_CAPACITY = 64 << 10;

    private final MemoryBudget memory;
    private final int copies;
    private final int maxBytes;
    private byte[] bytes;
    private int size;
    private MemoryBudget.Reservation reserved;

    private UploadBuffer(MemoryBudget memory, int copies, int maxBytes, byte[] bytes,
            MemoryBudget.Reservation reserved) {
        this.memory = memory;
        this.copies = copies;
        this.maxBytes = maxBytes;
        this.bytes = bytes;
        this.reserved = reserved;
    }

    /**
     * An empty buffer for a body of {@code declaredLength} bytes (-1 when unknown, at most {@code maxBytes}).
     *
     * @param copies how many times each byte will be held: 1 for a raw body, more for a form
     * @throws ApiException 503 if other images hold the memory, 413 if the body needs more than there is at all
     */
    static UploadBuffer reserve(MemoryBudget memory, long declaredLength, int copies, int maxBytes)
            throws ApiException {
        int capacity = declaredLength >= 0 ? (int) declaredLength : FIRST_CAPACITY;
        MemoryBudget.Reservation reserved = reservation(memory, (long) copies * capacity, declaredLength);
        return new UploadBuffer(memory, copies, maxBytes, new byte[capacity], reserved);
    }

    /** Adds the chunk's bytes (the caller has checked {@code maxBytes}), growing the array if it must. */
    void append(ByteBuffer chunk) throws ApiException {
        int needed = size + chunk.remaining();
        if (needed > bytes.length) {
            resize((int) Math.min(maxBytes, Math.max(needed, 2L * bytes.length)));
        }
        chunk.get(bytes, size, chunk.remaining());
        size = needed;
    }

    /** Makes the array exactly as long as what arrived, once the last byte has. */
    void trim() throws ApiException {
        if (size != bytes.length) {
            resize(size);
        }
    }

    /** Everything that arrived, once {@link #trim() trimmed}. */
    byte[] bytes() {
        return bytes;
    }

    @Override
    public void close() {
        reserved.close();
    }

    /** Moves the bytes to an array of {@code capacity}, reserving it before it is made and the old one is let go. */
    private void resize(int capacity) throws ApiException {
        MemoryBudget.Reservation grown = reservation(memory, (long) copies * capacity, -1);
        bytes = Arrays.copyOf(bytes, capacity);
        reserved.close();
        reserved = grown;
    }

    private static MemoryBudget.Reservation reservation(MemoryBudget memory, long bytes, long declaredLength)
            throws ApiException {
        long needed = MemoryBudget.mebibytes(bytes);
        if (bytes > memory.totalBytes()) {
            throw new ApiException(HttpStatus.PAYLOAD_TOO_LARGE_413, "the upload"
                    + (declaredLength >= 0 ? " (" + declaredLength + " bytes)" : "") + " needs " + needed
                    + " MB of memory, more than the " + MemoryBudget.mebibytes(memory.totalBytes()) + " MB this server"
                    + " gives all uploads at once (from Java's free heap); send a smaller image, or start the server"
                    + " with more memory (java -Xmx4g -jar ...)");
        }
        return memory.tryReserve(bytes).orElseThrow(() -> new ApiException(HttpStatus.SERVICE_UNAVAILABLE_503,
                "other uploads and images are using the memory this one needs (" + needed + " MB); try again in a"
                        + " moment"));
    }
}
