package dev.lenslet.server.http;

import dev.lenslet.server.image.DecodeLimits;
import java.time.Duration;

/**
 * How long and how slowly a client may take, and how many uploads may be in progress at once. Every deadline is
 * checked by a timer, not only when bytes arrive, so a client that sends nothing, or a byte now and then, is
 * stopped on time.
 *
 * @param idle               how long a connection may send nothing, mid-request or between requests
 * @param headers            how long a request's line and headers may take to arrive, once they have begun
 * @param upload             how long an upload's whole body may take to arrive
 * @param minUploadRate      bytes per second an upload must average once {@code uploadRateGrace} has passed
 * @param uploadRateGrace    how long an upload may start slowly before the minimum rate applies
 * @param uploadsInProgress  how many uploads may be arriving at once; more are refused with 503 at once
 * @param decode             how long decoding one image may take before it is stopped
 * @param threads            the server's threads: bounded, so a flood of clients cannot make the JVM start
 *                           thousands; far more than the classifiers need, since static files take microseconds
 */
public record ClientLimits(Duration idle, Duration headers, Duration upload, long minUploadRate,
                           Duration uploadRateGrace, int uploadsInProgress, Duration decode, int threads) {
    /**
     * As shipped: a phone on a poor mobile link sends a 4 MB photo in well under a minute and far faster than
     * 16 KiB/s; 16 uploads in progress leave most of the 64 server threads to the page, the model and /healthz.
     */
    public static final ClientLimits DEFAULT = new ClientLimits(Duration.ofSeconds(30), Duration.ofSeconds(10),
            Duration.ofSeconds(120), 16 * 1024, Duration.ofSeconds(5), 16, DecodeLimits.DEFAULT_MAX_TIME, 64);

    ClientLimits withIdle(Duration timeout) {
        return new ClientLimits(timeout, headers, upload, minUploadRate, uploadRateGrace, uploadsInProgress,
                decode, threads);
    }

    ClientLimits withHeaders(Duration timeout) {
        return new ClientLimits(idle, timeout, upload, minUploadRate, uploadRateGrace, uploadsInProgress,
                decode, threads);
    }

    ClientLimits withUpload(Duration timeout, long bytesPerSecond, Duration grace) {
        return new ClientLimits(idle, headers, timeout, bytesPerSecond, grace, uploadsInProgress,
                decode, threads);
    }

    ClientLimits withUploadsInProgress(int count) {
        return new ClientLimits(idle, headers, upload, minUploadRate, uploadRateGrace, count, decode, threads);
    }

    ClientLimits withThreads(int count) {
        return new ClientLimits(idle, headers, upload, minUploadRate, uploadRateGrace, uploadsInProgress,
                decode, count);
    }

    ClientLimits withDecode(Duration timeout) {
        return new ClientLimits(idle, headers, upload, minUploadRate, uploadRateGrace, uploadsInProgress,
                timeout, threads);
    }

    /** How often the timers look at what has arrived: often enough to stop a client soon after its deadline. */
    Duration checkInterval() {
        Duration shortest = headers.compareTo(uploadRateGrace) < 0 ? headers : uploadRateGrace;
        Duration quarter = shortest.dividedBy(4);
        return quarter.compareTo(Duration.ofSeconds(1)) < 0 ? quarter : Duration.ofSeconds(1);
    }
}
