package dev.lenslet.webapp.page;

import dev.lenslet.core.image.Region;
import dev.lenslet.webapp.page.browser.Browser;
import dev.lenslet.webapp.page.browser.PageState;
import dev.lenslet.webapp.page.browser.VideoElement;
import org.teavm.jso.browser.Performance;
import org.teavm.jso.browser.Window;
import org.teavm.jso.core.JSArrayReader;
import org.teavm.jso.dom.html.HTMLElement;

/**
 * Classifies the camera as fast as the workers allow, never falling behind: each camera frame goes to at most one
 * worker, and only to one that is idle or about to be (it would finish before the next frame arrives, so the frame
 * waits in its queue for less than a frame interval instead of the worker waiting idle for the next). No stale
 * frame ever piles up. With two workers, results can arrive out of order; one older than the result on screen is
 * dropped. Shows the top-5 in #live-results, results per second in #fps and the worker's time per inference in
 * #latency, the two figures a few times a second so that they can be read and cost little to draw. Only the
 * region the {@link CropChoice} asks for is grabbed (the central square by default), squashed to the model's input
 * as it is drawn, and the preview marks it.
 */
public final class LiveLoop implements Camera.Listener {
    /** In #fps and #latency while there is no figure, as in index.html. */
    private static final String NO_FIGURE = "–";
    /** How often #fps and #latency change: often enough to follow, rarely enough to read. */
    private static final double FIGURES_EVERY_MS = 250;
    /** The frame interval assumed until two frames have been seen: a 30 fps camera. */
    private static final double DEFAULT_FRAME_INTERVAL_MS = 1000.0 / 30;

    private final WorkerPool pool;
    private final FrameGrabber grabber;
    private final CropChoice crop;
    private final PreviewMark mark = new PreviewMark();
    private final ResultList results = new ResultList(Dom.byId("live-results"));
    private final HTMLElement fps = Dom.byId("fps");
    private final HTMLElement latency = Dom.byId("latency");
    private final PageState state;
    private final RateMeter rate = new RateMeter();

    private VideoElement video;
    /** Counts camera starts and stops, so that callbacks from an earlier run of the camera do nothing. */
    private int run;
    /** The video time of the last frame grabbed: a frame whose time differs is new. */
    private double grabbedTime = -1;
    /** The video time of the newest frame seen, performance.now() then, and the time between frames, averaged. */
    private double seenTime;
    private double frameSeenMs;
    private double frameIntervalMs;
    private double figuresShownMs;
    private int framesSent;
    private int newestShown;

    public LiveLoop(WorkerPool pool, FrameGrabber grabber, CropChoice crop, PageState state) {
        this.pool = pool;
        this.grabber = grabber;
        this.crop = crop;
        this.state = state;
        pool.onChange(this::classifyNewFrame);
        crop.onChange(this::markRegion);
    }

    @Override
    public void started(VideoElement startedVideo) {
        video = startedVideo;
        run++;
        grabbedTime = -1;
        seenTime = -1;
        frameSeenMs = -1;
        frameIntervalMs = DEFAULT_FRAME_INTERVAL_MS;
        figuresShownMs = -FIGURES_EVERY_MS;
        rate.reset();
        waitForFrame(run);
    }

    @Override
    public void stopped() {
        video = null;
        run++;
        // What the camera saw last is not what it sees now: a stopped camera shows no labels.
        results.clear();
        mark.hide();
        fps.setTextContent(NO_FIGURE);
        latency.setTextContent(NO_FIGURE);
    }

    /** Frame callbacks fire once per frame shown; animation frames, the fallback, once per screen refresh. */
    private void waitForFrame(int forRun) {
        if (Browser.hasVideoFrameCallbacks(video)) {
            video.requestVideoFrameCallback((now, metadata) -> onFrame(forRun));
        } else {
            Window.requestAnimationFrame(timestamp -> onFrame(forRun));
        }
    }

    private void onFrame(int forRun) {
        if (forRun != run) {
            return;
        }
        if (video.getCurrentTime() != seenTime) {
            seenTime = video.getCurrentTime();
            double now = Performance.now();
            if (frameSeenMs >= 0) {
                frameIntervalMs = 0.75 * frameIntervalMs + 0.25 * (now - frameSeenMs);
            }
            frameSeenMs = now;
        }
        classifyNewFrame();
        waitForFrame(forRun);
    }

    /** Sends the frame on screen to a worker, if it is a new frame and a worker is idle or about to be. */
    private void classifyNewFrame() {
        if (video == null || video.getVideoWidth() == 0 || video.getCurrentTime() == grabbedTime) {
            return;
        }
        InferenceWorker worker = pool.workerForLiveFrame(Math.max(frameSeenMs, 0) + frameIntervalMs);
        if (worker == null) {
            return;
        }
        grabbedTime = video.getCurrentTime();
        markRegion();
        Region region = crop.region(video.getVideoWidth(), video.getVideoHeight());
        RgbaFrame frame = grabber.grab(video, region);
        int frameNumber = ++framesSent;
        int forRun = run;
        // The grabber has already taken the region and squashed it to the model's input: the worker keeps it all.
        worker.classify(frame, "squash", new InferenceWorker.ClassifyListener() {
            @Override
            public void classified(JSArrayReader<Prediction> top, double inferenceMs) {
                // The next frame first: the worker must not wait while the page draws.
                classifyNewFrame();
                if (forRun == run && frameNumber > newestShown) {
                    show(frameNumber, top, inferenceMs);
                }
            }

            @Override
            public void failed(String message) {
                Browser.warn("Lenslet: a camera frame could not be classified: " + message);
                classifyNewFrame();
            }
        });
    }

    /** Marks on the preview what the next frames classify; the camera's size can change while it runs. */
    private void markRegion() {
        if (video != null && video.getVideoWidth() > 0) {
            mark.show(video.getVideoWidth(), video.getVideoHeight(), crop.centerSquare());
        }
    }

    private void show(int frameNumber, JSArrayReader<Prediction> top, double inferenceMs) {
        newestShown = frameNumber;
        results.show(top);
        double now = Performance.now();
        double perSecond = rate.tick(now);
        if (now - figuresShownMs >= FIGURES_EVERY_MS) {
            figuresShownMs = now;
            fps.setTextContent(Format.oneDecimal(perSecond));
            latency.setTextContent(String.valueOf(Math.round(inferenceMs)));
        }
        state.setFramesClassified(state.getFramesClassified() + 1);
    }
}
