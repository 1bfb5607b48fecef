package dev.lenslet.server.http;

import java.io.ByteArrayOutputStream;
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
 * whether or not bytes arrive, so a client that sends nothing, or a byte now and then, is stopped on time.
 */
final class UploadBody implements Runnable {
    private static final int MIB = 1 << 20;

    private final Request request;
    private final int maxBytes;
    private final ClientLimits limits;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private final long start = System.nanoTime();
    private volatile long received;

    private UploadBody(Request request, int maxBytes, ClientLimits limits) {
        this.request = request;
        this.maxBytes = maxBytes;
        this.limits = limits;
    }

    /**
     * The whole body, once it has arrived; fails with an {@link ApiException}: 413 beyond {@code maxBytes}, 408 if
     * it stalls, trickles or takes longer than the deadline. Completes on whichever thread finishes it (a timer's
     * when it fails by time), so what follows must not block on failure.
     */
    static CompletableFuture<byte[]> read(Request request, int maxBytes, ClientLimits limits) {
        UploadBody upload = new UploadBody(request, maxBytes, limits);
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
                result.completeExceptionally(chunk.getFailure() instanceof TimeoutException
                        ? new ApiException(HttpStatus.REQUEST_TIMEOUT_408, "the upload stopped arriving (nothing came"
                        + " for " + limits.idle().toSeconds() + " s); send it again") : chunk.getFailure());
                return;
            }
            ByteBuffer bytes = chunk.getByteBuffer();
            if (received + bytes.remaining() > maxBytes) {
                chunk.release();
                result.completeExceptionally(tooLarge("more than " + maxBytes + " bytes", maxBytes));
                return;
            }
            received += bytes.remaining();
            byte[] copy = new byte[bytes.remaining()];
            bytes.get(copy);
            body.write(copy, 0, copy.length);
            chunk.release();
            if (chunk.isLast()) {
                result.complete(body.toByteArray());
            }
        }
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
            result.completeExceptionally(new ApiException(HttpStatus.REQUEST_TIMEOUT_408, "the upload did not"
                    + " arrive within " + limits.upload().toSeconds() + " s (" + received + " bytes came); send a"
                    + " smaller image or use a faster connection"));
        } else if (elapsed > limits.uploadRateGrace().toNanos()
                && received < limits.minUploadRate() * elapsed / 1_000_000_000L) {
            result.completeExceptionally(new ApiException(HttpStatus.REQUEST_TIMEOUT_408, "the upload is arriving"
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
