package dev.lenslet.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lenslet.server.SharedFiles;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpMethod;
import org.junit.jupiter.api.Test;


/**
 * Many concurrent clients over loopback, with Jetty's HttpClient: static files, then the classify API. Every
 * request must get an answer (no dropped connection) and no 5xx but the deliberate 503, which clients honour by
 * waiting Retry-After and sending again. Latency percentiles and the peak heap are printed and written to
 * target/load-report.txt; they are figures, not assertions. Small by default; {@code mvn -Pload} runs the full
 * sizes (200 clients, 20 000 static requests, 500 classifications).
 */
class LoadTest {
    private static final int CLIENTS = Integer.getInteger("lenslet.load.clients", 50);
    private static final int STATIC_REQUESTS = Integer.getInteger("lenslet.load.static", 2000);
    private static final int CLASSIFY_REQUESTS = Integer.getInteger("lenslet.load.classify", 50);
    private static final List<String> STATIC_PATHS = List.of("/", "/index.html", "/app.css", "/healthz",
            "/model/manifest.json");

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final AtomicLong peakHeap = new AtomicLong();

    @Test
    void manyClientsGetAnswersAndNoServerErrors() throws Exception {
        byte[] cat = Files.readAllBytes(SharedFiles.photo("cat.bmp"));
        HttpClient client = new HttpClient();
        client.setMaxConnectionsPerDestination(CLIENTS);
        client.setMaxRequestsQueuedPerDestination(CLIENTS * 4);
        client.start();
        StringBuilder report = new StringBuilder();
        try (TestServer server = TestServer.start(TestServer.sharedModelConfig().withClassifiers(2))) {
            Phase statics = run(STATIC_REQUESTS, i -> client.newRequest(
                    server.uri(STATIC_PATHS.get(i % STATIC_PATHS.size()))));
            Phase classify = run(CLASSIFY_REQUESTS, i -> client.newRequest(server.uri("/api/classify"))
                    .method(HttpMethod.POST).body(new BytesRequestContent("image/bmp", cat)));
            report.append(statics.describe("static")).append('\n').append(classify.describe("classify")).append('\n')
                    .append(String.format(Locale.ROOT, "peak heap used %d MiB (max %d MiB), server threads <= %d%n",
                            peakHeap.get() >> 20, memory.getHeapMemoryUsage().getMax() >> 20,
                            ClientLimits.DEFAULT.threads()));
            System.out.print(report);
            Files.writeString(Files.createDirectories(Path.of("target")).resolve("load-report.txt"), report);

            assertEquals(Map.of(200, STATIC_REQUESTS), statics.finalStatuses, "static");
            assertEquals(List.of(), statics.failures, "static: dropped connections");
            assertEquals(Map.of(200, CLASSIFY_REQUESTS), classify.finalStatuses, "classify");
            assertEquals(List.of(), classify.failures, "classify: dropped connections");
        } finally {
            client.stop();
        }
    }

    interface RequestMaker {
        Request make(int i);
    }

    /** What one batch of requests got: the final status of each, failures, 503s retried, latencies. */
    private static final class Phase {
        final Map<Integer, Integer> finalStatuses = new ConcurrentHashMap<>();
        final List<String> failures = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger retried = new AtomicInteger();
        final long[] nanos;
        long wallNanos;

        Phase(int requests) {
            nanos = new long[requests];
        }

        String describe(String name) {
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            return String.format(Locale.ROOT, "%s: %d requests, %d clients, %.1f s, p50 %.1f ms, p99 %.1f ms,"
                            + " max %.1f ms, statuses %s, 503 retried %d, dropped %d", name, nanos.length, CLIENTS,
                    wallNanos / 1e9, percentile(sorted, 50), percentile(sorted, 99), sorted[sorted.length - 1] / 1e6,
                    finalStatuses, retried.get(), failures.size());
        }

        private static double percentile(long[] sorted, int p) {
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
        }
    }

    private Phase run(int requests, RequestMaker maker) throws Exception {
        Phase phase = new Phase(requests);
        AtomicInteger next = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        long start = System.nanoTime();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                running.add(clients.submit(() -> {
                    for (int i; (i = next.getAndIncrement()) < requests; ) {
                        send(phase, i, maker);
                    }
                    return null;
                }));
            }
            for (Future<?> client : running) {
                client.get(30, TimeUnit.MINUTES);
            }
        } finally {
            clients.shutdownNow();
        }
        phase.wallNanos = System.nanoTime() - start;
        return phase;
    }

    /** One request, sent again after Retry-After while the server says 503; its latency is the last attempt's. */
    private void send(Phase phase, int i, RequestMaker maker) throws InterruptedException {
        while (true) {
            long start = System.nanoTime();
            ContentResponse response;
            try {
                response = maker.make(i).timeout(60, TimeUnit.SECONDS).send();
            } catch (Exception e) {
                phase.failures.add("request " + i + ": " + e);
                return;
            }
            phase.nanos[i] = System.nanoTime() - start;
            peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
            if (TestServer.waitedOutRetryAfter(response)) {
                phase.retried.incrementAndGet();
                continue;
            }
            phase.finalStatuses.merge(response.getStatus(), 1, Integer::sum);
            return;
        }
    }
}
