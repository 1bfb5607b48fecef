package dev.lenslet.server;

import dev.lenslet.server.http.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The page's live camera loop (two workers on alternate frames) in Chromium, filming a photo through the fake
 * camera: classified frames per second over a fixed time, once the loop is warm.
 */
final class LiveThroughput {
    /**
     * Frames per second over {@code seconds}, the page's own "ms per image" at the end, the share of the time
     * the workers spent classifying (100% = every worker busy all the time; the rest is waiting for frames), and
     * the share of results not shown because a newer frame's result had come first.
     */
    record Result(double fps, int frames, double seconds, String latencyMs, double workersBusyPercent,
                  double droppedPercent) {
    }

    /** Runs before the page's scripts: adds up the ms per inference that the workers report, and counts them. */
    private static final String WORKER_TIME_PROBE = """
            window.lensletWorkerTime = {ms: 0, workers: 0, results: 0};
            window.Worker = class extends Worker {
              constructor(url, options) {
                super(url, options);
                window.lensletWorkerTime.workers++;
                this.addEventListener('message', (event) => {
                  if (event.data?.type === 'result') {
                    window.lensletWorkerTime.ms += event.data.ms;
                    window.lensletWorkerTime.results++;
                  }
                });
              }
            };
            """;

    /** Lets both workers JIT-compile and the camera settle before counting. */
    private static final Duration WARM_UP = Duration.ofSeconds(3);

    private LiveThroughput() {
    }

    static Result measure(TestServer server, Path y4mVideo, Duration duration) throws InterruptedException {
        try (LensletPage page = LensletPage.inNewChromium(LiveThroughput.class, Chromium.fakeCamera(y4mVideo))) {
            page.devTools("Page.addScriptToEvaluateOnNewDocument", Map.of("source", WORKER_TIME_PROBE));
            page.open(server.uri("/"));
            page.waitForModelReady();
            page.element("#camera-toggle").click();
            page.waitFor("a first live result", LensletPage.CLASSIFY_PHOTO,
                    () -> !page.text("#live-results li .label").isEmpty());
            Thread.sleep(WARM_UP.toMillis());
            long start = System.nanoTime();
            int before = frames(page);
            double busyBefore = workerMs(page);
            int resultsBefore = results(page);
            Thread.sleep(duration.toMillis());
            int after = frames(page);
            double busyAfter = workerMs(page);
            int results = results(page) - resultsBefore;
            double seconds = (System.nanoTime() - start) / 1e9;
            double workers = ((Number) page.script("return window.lensletWorkerTime.workers")).doubleValue();
            return new Result((after - before) / seconds, after - before, seconds, page.text("#latency"),
                    (busyAfter - busyBefore) / (10 * seconds * workers),
                    results == 0 ? 0 : 100.0 * (results - (after - before)) / results);
        }
    }

    private static double workerMs(LensletPage page) {
        return ((Number) page.script("return window.lensletWorkerTime.ms")).doubleValue();
    }

    private static int results(LensletPage page) {
        return ((Number) page.script("return window.lensletWorkerTime.results")).intValue();
    }

    private static int frames(LensletPage page) {
        return ((Number) page.script("return window.lensletState.framesClassified")).intValue();
    }
}
