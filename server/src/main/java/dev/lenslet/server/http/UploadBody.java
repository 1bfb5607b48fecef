package dev.lenslet.server.http;

import dev.lenslet.server.image.MemoryBudget;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Reads a request's body into memory without holding a thread while bytes are awaited: it reads what has
 * arrived, then asks Jetty to call it again when more does. A timer checks the deadline and the minimum rate
 * whether or not bytes arrive, so a client that sends nothing, or a byte now and then, is stopped on time. The
 * memory is reserved before the bytes are stored ({@link UploadBuffer}).
 */
final class UploadBody implements Runnable {
    private static final int MIB = 1 << 20;

    private final Request request;
    private final int maxBytes;
    private final ClientLimits limits;
    private final CompletableFuture<UploadBuffer> result = new CompletableFuture<>();
    /** Guarded by this, with {@link #ended}: Jetty's calls and the timer's may come on two threads at once. */
    private final UploadBuffer body;
    /** Whether the body has been handed over or given up; the future is completed outside the lock. */
    private boolean ended;
    private final long start = System.nanoTime();
    private volatile long received;

    private UploadBody(Request request, int maxBytes, ClientLimits limits, UploadBuffer body) {
        this.request = request;
        this.maxBytes = maxBytes;
        this.limits = limits;
        this.body = body;
    }

    /**
     * The whole body, once it has arrived, to be closed by the caller when done with; fails with an
     * {@link ApiException}: 503 if the memory for it is taken, 413 beyond {@code maxBytes} or all the memory, 408
     * if it stalls, trickles or takes longer than the deadline. Completes on whichever thread finishes it (a
     * timer's when it fails by time), so what follows must not block on failure.
     *
     * @param copies how many times the body's bytes will be held (more than once for a form)
     */
    static CompletableFuture<UploadBuffer> read(Request request, int maxBytes, int copies, ClientLimits limits,
            MemoryBudget memory) {
        UploadBuffer body;
        try {
            body = UploadBuffer.reserve(memory, request.getLength(), copies, maxBytes);
        } catch (ApiException e) {
            return CompletableFuture.failedFuture(e);
        }
        UploadBody upload = new UploadBody(request, maxBytes, limits, body);
        upload.scheduleCheck(request.getComponents().getScheduler());
        upload.run();
        return upload.result;
    }

    /** Reads whatever has arrived; called again by Jetty when more does. */
    @Override
    public void run() {
        while (!result.isDone()) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                request.demand(this);
                return;
            }
            if (Content.Chunk.isFailure(chunk)) {
                fail(chunk.getFailure() instanceof TimeoutException
                        ? new ApiException(HttpStatus.REQUEST_TIMEOUT_408, "the upload stopped arriving (nothing came"
                        + " for " + limits.idle().toSeconds() + " s); send it again") : chunk.getFailure());
                return;
            }
            UploadBuffer whole;
            try {
                whole = store(chunk);
            } catch (ApiException e) {
                fail(e);
                return;
            } finally {
                chunk.release();
            }
            if (whole != null) {
                result.complete(whole);
            }
        }
    }

    /** Stores the chunk; returns the whole body, trimmed to its length, after the last one. */
    private synchronized UploadBuffer store(Content.Chunk chunk) throws ApiException {
        if (ended) {
            return null; // the timer has given it up
        }
        ByteBuffer bytes = chunk.getByteBuffer();
        if (received + bytes.remaining() > maxBytes) {
            throw tooLarge("more than " + maxBytes + " bytes", maxBytes);
        }
        received += bytes.remaining();
        body.append(bytes);
        if (!chunk.isLast()) {
            return null;
        }
        body.trim();
        ended = true;
        return body;
    }

    /** Fails the upload unless it has already ended, giving its memory back. */
    private void fail(Throwable failure) {
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
            body.close();
        }
        result.completeExceptionally(failure);
    }

    private void scheduleCheck(Scheduler scheduler) {
        scheduler.schedule(() -> {
            checkByTime();
            if (!result.isDone()) {
                scheduleCheck(scheduler);
            }
        }, limits.checkInterval().toNanos(), TimeUnit.NANOSECONDS);
    }

    private void checkByTime() {
        long elapsed = System.nanoTime() - start;
        if (elapsed > limits.upload().toNanos()) {
            fail(new ApiException(HttpStatus.REQUEST_TIMEOUT_408, "the upload did not"
                    + " arrive within " + limits.upload().toSeconds() + " s (" + received + " bytes came); send a"
                    + " smaller image or use a faster connection"));
        } else if (elapsed > limits.uploadRateGrace().toNanos()
                && received < limits.minUploadRate() * elapsed / 1_000_000_000L) {
            fail(new ApiException(HttpStatus.REQUEST_TIMEOUT_408, "the upload is arriving"
                    + " too slowly (" + received + " bytes in " + elapsed / 1_000_000 + " ms; at least "
                    + rate(limits.minUploadRate()) + " is needed); send it again over a better connection"));
        }
    }

    private static String rate(long bytesPerSecond) {
        return bytesPerSecond % 1024 == 0 ? bytesPerSecond / 1024 + " KiB/s" : bytesPerSecond + " bytes/s";
    }

    static ApiException tooLarge(String size, int maxBytes) {
        String limit = maxBytes + " bytes" + (maxBytes >= MIB ? " (" + maxBytes / MIB + " MiB)" : "");
        return new ApiException(HttpStatus.PAYLOAD_TOO_LARGE_413, "the upload is " + size + " but the limit is "
                + limit + "; send a smaller image, e.g. resized to about 1000 pixels on its long side");
    }
}
