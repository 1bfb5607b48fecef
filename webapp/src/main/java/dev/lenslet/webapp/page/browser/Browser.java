package dev.lenslet.webapp.page.browser;

import org.teavm.jso.JSBody;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.file.Blob;

/** Browser globals and feature checks that TeaVM's jso-apis lack. Missing features give null or false. */
public final class Browser {
    private Browser() {
    }

    /** Null where the browser has no camera API, or hides it because the page is not a secure context. */
    @JSBody(script = "return (navigator.mediaDevices && navigator.mediaDevices.getUserMedia)"
            + " ? navigator.mediaDevices : null;")
    public static native MediaDevices mediaDevices();

    /** Only https:, localhost and 127.0.0.1 pages get the camera, service workers and crypto.subtle. */
    @JSBody(script = "return window.isSecureContext !== false;")
    public static native boolean isSecureContext();

    @JSBody(script = "return 'serviceWorker' in navigator ? navigator.serviceWorker : null;")
    public static native ServiceWorkerContainer serviceWorkers();

    /** What the classifier worker needs of the page's browser: workers, and fetch to download the model. */
    @JSBody(script = "return typeof Worker === 'function' && typeof fetch === 'function';")
    public static native boolean canRunWorkers();

    /**
     * Starts {@code url} as a module worker, or returns null if the browser can only run classic workers: those
     * ignore the {@code type} option, so they never read it.
     */
    @JSBody(params = "url", script = "var typeRead = false;"
            + "var worker = new Worker(url, {get type() { typeRead = true; return 'module'; }});"
            + "if (!typeRead) { worker.terminate(); return null; }"
            + "return worker;")
    public static native ModuleWorker startModuleWorker(String url);

    @JSBody(script = "return navigator.hardwareConcurrency || 1;")
    public static native int hardwareConcurrency();

    @JSBody(script = "return typeof createImageBitmap === 'function';")
    public static native boolean hasImageBitmaps();

    @JSBody(params = "blob", script = "return createImageBitmap(blob);")
    public static native JSPromise<ImageBitmap> createImageBitmap(Blob blob);

    @JSBody(params = "video", script = "return typeof video.requestVideoFrameCallback === 'function';")
    public static native boolean hasVideoFrameCallbacks(VideoElement video);

    @JSBody(params = "blob", script = "return URL.createObjectURL(blob);")
    public static native String createObjectUrl(Blob blob);

    @JSBody(params = "url", script = "URL.revokeObjectURL(url);")
    public static native void revokeObjectUrl(String url);

    /** A warning in the console: for failures the page can live with, such as no offline support. */
    @JSBody(params = "message", script = "console.warn(message);")
    public static native void warn(String message);

    @JSBody(script = "return window.lensletState = {build: null, arithmetic: null, modelReady: false, workersSettled: false, framesClassified: 0};")
    public static native PageState publishPageState();

    /** The value of {@code name} in the page's query string, or null. */
    @JSBody(params = "name", script = "return new URLSearchParams(location.search).get(name);")
    public static native String queryParameter(String name);
}
