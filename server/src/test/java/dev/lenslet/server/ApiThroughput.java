package dev.lenslet.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.http.HttpMethod;

/**
 * {@code POST /api/classify} under load: {@code clients} threads each send a photo, wait for the answer and send
 * again, for a fixed time after a warm-up; the server has one classifier per core.
 */
final class ApiThroughput {
    record Result(int clients, int requests, double seconds, int failures) {
        double requestsPerSecond() {
            return requests / seconds;
        }
    }

    /** Lets the server's classifiers JIT-compile before counting. */
    private static final Duration WARM_UP = Duration.ofSeconds(5);

    private ApiThroughput() {
    }

    static Result measure(TestServer server, Path photo, String contentType, int clients, Duration duration)
            throws Exception {
        byte[] image = Files.readAllBytes(photo);
        AtomicBoolean counting = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger requests = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Thread client = new Thread(() -> {
                while (!stop.get()) {
                    boolean ok = post(server, image, contentType);
                    if (counting.get()) {
                        (ok ? requests : failures).incrementAndGet();
                    }
                }
            }, "api-client-" + i);
            client.start();
            threads.add(client);
        }
        Thread.sleep(WARM_UP.toMillis());
        counting.set(true);
        long start = System.nanoTime();
        Thread.sleep(duration.toMillis());
        counting.set(false);
        double seconds = (System.nanoTime() - start) / 1e9;
        stop.set(true);
        for (Thread client : threads) {
            client.join();
        }
        return new Result(clients, requests.get(), seconds, failures.get());
    }

    private static boolean post(TestServer server, byte[] image, String contentType) {
        try {
            ContentResponse response = server.request(ClassifyHandler.PATH).method(HttpMethod.POST)
                    .body(new BytesRequestContent(contentType, image)).send();
            return response.getStatus() == 200;
        } catch (Exception e) {
            return false;
        }
    }
}
