package dev.lenslet.webapp;

import dev.lenslet.webapp.page.Camera;
import dev.lenslet.webapp.page.CropChoice;
import dev.lenslet.webapp.page.FrameGrabber;
import dev.lenslet.webapp.page.Gallery;
import dev.lenslet.webapp.page.HeadControls;
import dev.lenslet.webapp.page.ImageDecoder;
import dev.lenslet.webapp.page.ImageIntake;
import dev.lenslet.webapp.page.LiveLoop;
import dev.lenslet.webapp.page.ModelStatus;
import dev.lenslet.webapp.page.PhotoClassifier;
import dev.lenslet.webapp.page.SimilarPhotos;
import dev.lenslet.webapp.page.StorageNotice;
import dev.lenslet.webapp.page.TeachPanel;
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
    /**
     * The region of a camera frame the network sees is squashed to MobileNetV2's 224×224 input as it is grabbed:
     * the page then draws, copies and transfers the fewest pixels, and the worker has no resizing to do.
     */
    private static final int CAMERA_FRAME_SIDE = 224;

    private PageApp() {
    }

    public static void main(String[] args) {
        PageState state = Browser.publishPageState();
        WorkerPool workers = new WorkerPool(workerUrl(), MODEL_MANIFEST, new ModelStatus(state), state);

        CropChoice crop = new CropChoice();
        PhotoClassifier photos = new PhotoClassifier(new Gallery(), workers, new ImageDecoder(),
                FrameGrabber.fitting(PHOTO_MAX_SIDE), crop, new SimilarPhotos());
        new ImageIntake(photos::classify).listen();
        new Camera(new LiveLoop(workers, FrameGrabber.squashing(CAMERA_FRAME_SIDE), crop, state)).bind();
        new HeadControls(workers, new TeachPanel(workers, new ImageDecoder(), FrameGrabber.fitting(PHOTO_MAX_SIDE),
                crop)).listen();
        new StorageNotice().listen();
        new UpdateBanner().watch();

        workers.start();
    }

    /**
     * worker.js, passing on the page's ?build=wasm or ?build=js so that either build can be forced, and ?simd=0,
     * which keeps the WebAssembly build on its Java kernels.
     */
    private static String workerUrl() {
        String build = Browser.queryParameter("build");
        String query = "wasm".equals(build) || "js".equals(build) ? "build=" + build : "";
        if ("0".equals(Browser.queryParameter("simd"))) {
            query += (query.isEmpty() ? "" : "&") + "simd=0";
        }
        return query.isEmpty() ? "worker.js" : "worker.js?" + query;
    }
}
