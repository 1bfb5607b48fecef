package dev.lenslet.webapp;

import dev.lenslet.webapp.page.Camera;
import dev.lenslet.webapp.page.FrameGrabber;
import dev.lenslet.webapp.page.Gallery;
import dev.lenslet.webapp.page.ImageDecoder;
import dev.lenslet.webapp.page.ImageIntake;
import dev.lenslet.webapp.page.LiveLoop;
import dev.lenslet.webapp.page.ModelStatus;
import dev.lenslet.webapp.page.PhotoClassifier;
import dev.lenslet.webapp.page.StorageNotice;
import dev.lenslet.webapp.page.UpdateBanner;
import dev.lenslet.webapp.page.WorkerPool;
import dev.lenslet.webapp.page.browser.Browser;
import dev.lenslet.webapp.page.browser.PageState;

/**
 * The page's entry point: TeaVM compiles it to the plain script js/page.js, which index.html loads with
 * {@code defer} and which calls this once the document is parsed. It wires the page's parts together
 * (see {@link dev.lenslet.webapp.page}) and starts loading the model.
 */
public final class PageApp {
    /** Relative to worker.js, which lives at the site root, like the page. */
    private static final String MODEL_MANIFEST = "model/manifest.json";
    /** Photos are scaled down to this before they go to a worker: big enough for any crop the model sees. */
    private static final int PHOTO_MAX_SIDE = 1024;
    /** Camera frames are grabbed up to this size, ample for a 224×224 input and quick to copy 10+ times a second. */
    private static final int CAMERA_FRAME_MAX_SIDE = 448;

    private PageApp() {
    }

    public static void main(String[] args) {
        PageState state = Browser.publishPageState();
        WorkerPool workers = new WorkerPool(workerUrl(), MODEL_MANIFEST, new ModelStatus(state));

        PhotoClassifier photos = new PhotoClassifier(new Gallery(), workers, new ImageDecoder(),
                new FrameGrabber(PHOTO_MAX_SIDE));
        new ImageIntake(photos::classify).listen();
        new Camera(new LiveLoop(workers, new FrameGrabber(CAMERA_FRAME_MAX_SIDE), state)).bind();
        new StorageNotice().listen();
        new UpdateBanner().watch();

        workers.start();
    }

    /** worker.js, passing on the page's ?build=wasm or ?build=js so that either build can be forced. */
    private static String workerUrl() {
        String build = Browser.queryParameter("build");
        return "wasm".equals(build) || "js".equals(build) ? "worker.js?build=" + build : "worker.js";
    }
}
