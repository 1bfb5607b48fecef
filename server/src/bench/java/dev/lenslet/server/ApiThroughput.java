package dev.lenslet.server;

import dev.lenslet.server.http.ClassifyHandler;
import dev.lenslet.server.http.TestServer;
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
 * again, for a fixed time after a warm-up; the server has one classifier per core. A 503 (the server's admission
 * limit) is honoured as a real client would: wait {@code Retry-After}, then send again; those are counted apart
 * from failures.
 */
final class ApiThroughput {
    record Result(int clients, int requests, double seconds, int busyAnswers, int failures) {
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
        AtomicInteger busyAnswers = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Thread client = new Thread(() -> {
                while (!stop.get()) {
                    int status = post(server, image, contentType);
                    if (counting.get()) {
                        (status == 200 ? requests : status == 503 ? busyAnswers : failures).incrementAndGet();
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
        return new Result(clients, requests.get(), seconds, busyAnswers.get(), failures.get());
    }

    /** The answer's status, after waiting out a 503's Retry-After; 0 when no answer came. */
    private static int post(TestServer server, byte[] image, String contentType) {
        try {
            ContentResponse response = server.request(ClassifyHandler.PATH).method(HttpMethod.POST)
                    .body(new BytesRequestContent(contentType, image)).send();
            TestServer.waitedOutRetryAfter(response);
            return response.getStatus();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (Exception e) {
            return 0;
        }
    }
}
