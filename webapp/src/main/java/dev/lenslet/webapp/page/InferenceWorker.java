package dev.lenslet.webapp.page;

import dev.lenslet.webapp.page.browser.Browser;
import dev.lenslet.webapp.page.browser.ModuleWorker;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.browser.Performance;
import org.teavm.jso.core.JSArray;
import org.teavm.jso.core.JSArrayReader;
import org.teavm.jso.dom.events.ErrorEvent;
import org.teavm.jso.dom.events.MessageEvent;
import org.teavm.jso.typedarrays.ArrayBuffer;
import org.teavm.jso.typedarrays.Float32Array;

/**
 * The page's end of one classifier worker (worker.js): it has the worker download and load the model, then sends it
 * images and hands each answer to whoever asked. The worker answers one request at a time, in order.
 */
final class InferenceWorker {
    /** What the worker reports while it loads the model; exactly one of loaded and failed is called. */
    interface LoadListener {
        void progress(double loadedBytes, double totalBytes);

        /**
         * @param build      "wasm" or "js"
         * @param arithmetic "float" or "integer"
         */
        void loaded(String build, String arithmetic);

        void failed(String message);
    }

    /** The answer to one image; exactly one method is called. */
    interface ClassifyListener {
        void classified(JSArrayReader<Prediction> top, double inferenceMs);

        /**
         * Called just before {@link #classified} when the request asked for maps or the embedding and the model has
         * them; {@code maps} is null when none were asked for, {@code embedding} likewise.
         */
        default void explained(JSArrayReader<ActivationMap> maps, Float32Array embedding) {
        }

        void failed(String message);
    }

    /** The answer to a teach request ("embed", "train", "head"); exactly one of replied and failed is called. */
    interface ReplyListener {
        /** A "training" report, after each epoch of a "train" request. */
        default void progress(WorkerReply report) {
        }

        void replied(WorkerReply reply);

        void failed(String message);
    }

    private static final int TOP_K = 5;
    private static final int LOAD_REQUEST_ID = 0;

    private final ModuleWorker worker;
    private final LoadListener loadListener;
    private final Map<Integer, ClassifyListener> pending = new HashMap<>();
    /** Teach requests waiting: kept apart from frames, whose count paces the live view. */
    private final Map<Integer, ReplyListener> teachPending = new HashMap<>();
    private int nextRequestId = LOAD_REQUEST_ID + 1;
    /** When the worker started on its oldest pending request, as near as the page can tell (performance.now()). */
    private double busySince;
    /** The worker's recent ms per inference, averaged over a few; unknown (infinite) until the first result. */
    private double typicalMs = Double.POSITIVE_INFINITY;
    private boolean loaded;
    private boolean broken;

    private InferenceWorker(ModuleWorker worker, LoadListener loadListener) {
        this.worker = worker;
        this.loadListener = loadListener;
    }

    /**
     * Starts worker.js and has it load the model described by the manifest at {@code manifestUrl} (relative to the
     * worker). Returns null, after telling {@code listener} why, if the browser cannot start module workers.
     */
    static InferenceWorker start(String workerUrl, String manifestUrl, LoadListener listener) {
        ModuleWorker worker = Browser.startModuleWorker(workerUrl);
        if (worker == null) {
            listener.failed("This browser cannot run Lenslet's classifier (it lacks module workers). "
                    + "Use a current version of Chrome, Edge, Firefox or Safari.");
            return null;
        }
        InferenceWorker inference = new InferenceWorker(worker, listener);
        worker.addEventListener("message", (MessageEvent event) -> inference.onReply((WorkerReply) event.getData()));
        worker.addEventListener("error", (ErrorEvent event) -> inference.breakDown(
                "The classifier worker stopped" + (event.getMessage() != null ? ": " + event.getMessage() : "")
                        + ". Reload the page to try again."));
        worker.postMessage(loadRequest(LOAD_REQUEST_ID, manifestUrl));
        return inference;
    }

    /** True once the model is loaded and until the worker breaks down. */
    boolean isLoaded() {
        return loaded && !broken;
    }

    /** Requests sent and not yet answered. */
    int pendingCount() {
        return pending.size();
    }

    /** When the worker should be done with everything pending, by its recent speed; infinite while unknown. */
    double expectedFinishMs() {
        return busySince + pending.size() * typicalMs;
    }

    /** When a request sent now would be done: after everything pending; infinite while the speed is unknown. */
    double finishOfNewRequestMs() {
        return Math.max(Performance.now(), expectedFinishMs()) + typicalMs;
    }

    /**
     * Sends the frame to the worker, which then owns its pixels: the frame's buffer is empty afterwards.
     *
     * @param crop what of the frame the worker classifies: "center" (its central square) or "squash" (all of it)
     */
    void classify(RgbaFrame frame, String crop, ClassifyListener listener) {
        classify(frame, crop, 0, false, listener);
    }

    /**
     * The same, asking also for the activation maps of the best {@code maps} classes and, if {@code embedding},
     * the embedding: they come with the result, from the worker that ran the image.
     */
    void classify(RgbaFrame frame, String crop, int maps, boolean embedding, ClassifyListener listener) {
        if (pending.isEmpty()) {
            busySince = Performance.now();
        }
        int id = nextRequestId++;
        pending.put(id, listener);
        worker.postMessage(classifyRequest(id, frame.pixels(), frame.width(), frame.height(), TOP_K, crop, maps,
                embedding),
                JSArray.<JSObject>of(frame.pixels()));
    }

    /**
     * Sends a teach request ({@code message} must have {@code type}; its {@code id} is set here). Buffers in
     * {@code transfer} are handed over to the worker.
     */
    void request(JSObject message, JSArray<JSObject> transfer, ReplyListener listener) {
        if (broken) {
            listener.failed("The classifier worker has stopped. Reload the page to try again.");
            return;
        }
        int id = nextRequestId++;
        teachPending.put(id, listener);
        setId(message, id);
        worker.postMessage(message, transfer);
    }

    private void onReply(WorkerReply reply) {
        int id = requestId(reply);
        ReplyListener teach = teachPending.get(id);
        if (teach != null) {
            onTeachReply(id, teach, reply);
            return;
        }
        switch (reply.getType()) {
            case "progress" -> loadListener.progress(reply.getLoaded(), reply.getTotal());
            case "loaded" -> {
                loaded = true;
                loadListener.loaded(reply.getBuild(), reply.getArithmetic());
            }
            case "result" -> {
                ClassifyListener listener = pending.remove(id);
                answered(reply.getMs());
                if (listener != null) {
                    if (reply.getMaps() != null || reply.getEmbedding() != null) {
                        listener.explained(reply.getMaps(), reply.getEmbedding());
                    }
                    listener.classified(reply.getTop(), reply.getMs());
                }
            }
            case "error" -> onError(id, reply.getMessage());
            default -> {
                // "ready" (the build is loaded, the model not yet): nothing to show until the model is in.
            }
        }
    }

    private void onTeachReply(int id, ReplyListener listener, WorkerReply reply) {
        switch (reply.getType()) {
            case "training" -> listener.progress(reply);
            case "error" -> {
                teachPending.remove(id);
                listener.failed(reply.getMessage());
            }
            default -> {
                teachPending.remove(id);
                listener.replied(reply);
            }
        }
    }

    /** The worker starts on its next request as soon as it has answered one. */
    private void answered(double inferenceMs) {
        busySince = Performance.now();
        typicalMs = typicalMs == Double.POSITIVE_INFINITY ? inferenceMs : 0.75 * typicalMs + 0.25 * inferenceMs;
    }

    private void onError(int id, String message) {
        ClassifyListener listener = pending.remove(id);
        busySince = Performance.now();
        if (listener != null) {
            listener.failed(message);
        } else {
            // The load failed, or the worker could not load its build at all: it can classify nothing.
            breakDown(message);
        }
    }

    /** Fails the load (if still running) and every request waiting, and stops the worker. */
    private void breakDown(String message) {
        if (broken) {
            return;
        }
        broken = true;
        worker.terminate();
        if (!loaded) {
            loadListener.failed(message);
        }
        for (ClassifyListener listener : new ArrayList<>(pending.values())) {
            listener.failed(message);
        }
        pending.clear();
        for (ReplyListener listener : new ArrayList<>(teachPending.values())) {
            listener.failed(message);
        }
        teachPending.clear();
    }

    @JSBody(params = "reply", script = "return typeof reply.id === 'number' ? reply.id : -1;")
    private static native int requestId(WorkerReply reply);

    @JSBody(params = {"message", "id"}, script = "message.id = id;")
    private static native void setId(JSObject message, int id);

    @JSBody(params = {"id", "manifest"}, script = "return {type: 'load', id: id, manifest: manifest};")
    private static native JSObject loadRequest(int id, String manifest);

    @JSBody(params = {"id", "pixels", "width", "height", "k", "crop", "maps", "embedding"}, script = "return {type:"
            + " 'classify', id: id, pixels: pixels, width: width, height: height, k: k, crop: crop, maps: maps,"
            + " embedding: embedding};")
    private static native JSObject classifyRequest(int id, ArrayBuffer pixels, int width, int height, int k,
                                                   String crop, int maps, boolean embedding);
}
