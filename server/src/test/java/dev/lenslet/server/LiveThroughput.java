package dev.lenslet.server;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The page's live camera loop (two workers on alternate frames) in Chromium, filming a photo through the fake
 * camera: classified frames per second over a fixed time, once the loop is warm.
 */
final class LiveThroughput {
    /** Frames per second over {@code seconds}, and the page's own "ms per image" at the end. */
    record Result(double fps, int frames, double seconds, String latencyMs) {
    }

    /** Lets both workers JIT-compile and the camera settle before counting. */
    private static final Duration WARM_UP = Duration.ofSeconds(3);

    private LiveThroughput() {
    }

    static Result measure(TestServer server, Path y4mVideo, Duration duration) throws InterruptedException {
        try (LensletPage page = LensletPage.inNewChromium(LiveThroughput.class, Chromium.fakeCamera(y4mVideo))) {
            page.open(server.uri("/"));
            page.waitForModelReady();
            page.element("#camera-toggle").click();
            page.waitFor("a first live result", LensletPage.CLASSIFY_PHOTO,
                    () -> !page.text("#live-results li .label").isEmpty());
            Thread.sleep(WARM_UP.toMillis());
            long start = System.nanoTime();
            int before = frames(page);
            Thread.sleep(duration.toMillis());
            int after = frames(page);
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Result((after - before) / seconds, after - before, seconds, page.text("#latency"));
        }
    }

    private static int frames(LensletPage page) {
        return ((Number) page.script("return window.lensletState.framesClassified")).intValue();
    }
}
