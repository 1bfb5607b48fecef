package dev.lenslet.webapp.page;

import dev.lenslet.webapp.page.browser.Browser;
import dev.lenslet.webapp.page.browser.PageState;
import dev.lenslet.webapp.page.browser.VideoElement;
import org.teavm.jso.browser.Performance;
import org.teavm.jso.browser.Window;
import org.teavm.jso.core.JSArrayReader;
import org.teavm.jso.dom.html.HTMLElement;

/**
 * Classifies the camera as fast as the workers allow, never falling behind: a frame is grabbed only when a worker
 * is idle, and always the newest one, so no stale frame ever waits in a queue. With two workers, results can
 * arrive out of order; one older than the result on screen is dropped. Shows the top-5 in #live-results, results
 * per second in #fps and the worker's time per inference in #latency.
 */
public final class LiveLoop implements Camera.Listener {
    /** In #fps and #latency while there is no figure, as in index.html. */
    private static final String NO_FIGURE = "–";

    private final WorkerPool pool;
    private final FrameGrabber grabber;
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
    private int framesSent;
    private int newestShown;

    public LiveLoop(WorkerPool pool, FrameGrabber grabber, PageState state) {
        this.pool = pool;
        this.grabber = grabber;
        this.state = state;
        pool.onChange(this::classifyNewFrame);
    }

    @Override
    public void started(VideoElement startedVideo) {
        video = startedVideo;
        run++;
        grabbedTime = -1;
        rate.reset();
        waitForFrame(run);
    }

    @Override
    public void stopped() {
        video = null;
        run++;
        // What the camera saw last is not what it sees now: a stopped camera shows no labels.
        results.clear();
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
        classifyNewFrame();
        waitForFrame(forRun);
    }

    /** Sends the frame on screen to an idle worker, if there is a new frame and an idle worker. */
    private void classifyNewFrame() {
        if (video == null || video.getVideoWidth() == 0 || video.getCurrentTime() == grabbedTime) {
            return;
        }
        InferenceWorker worker = pool.idleWorker();
        if (worker == null) {
            return;
        }
        grabbedTime = video.getCurrentTime();
        RgbaFrame frame = grabber.grab(video, video.getVideoWidth(), video.getVideoHeight());
        int frameNumber = ++framesSent;
        int forRun = run;
        worker.classify(frame, new InferenceWorker.ClassifyListener() {
            @Override
            public void classified(JSArrayReader<Prediction> top, double inferenceMs) {
                if (forRun == run && frameNumber > newestShown) {
                    show(frameNumber, top, inferenceMs);
                }
                classifyNewFrame();
            }

            @Override
            public void failed(String message) {
                Browser.warn("Lenslet: a camera frame could not be classified: " + message);
                classifyNewFrame();
            }
        });
    }

    private void show(int frameNumber, JSArrayReader<Prediction> top, double inferenceMs) {
        newestShown = frameNumber;
        results.show(top);
        fps.setTextContent(Format.oneDecimal(rate.tick(Performance.now())));
        latency.setTextContent(String.valueOf(Math.round(inferenceMs)));
        state.setFramesClassified(state.getFramesClassified() + 1);
    }
}
