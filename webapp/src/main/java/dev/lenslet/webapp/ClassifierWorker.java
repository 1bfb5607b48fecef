package dev.lenslet.webapp;

import dev.lenslet.core.Arithmetic;
import dev.lenslet.core.Classifier;
import dev.lenslet.core.InvalidModelException;
import dev.lenslet.core.image.Crop;
import dev.lenslet.core.kernel.KernelSet;
import dev.lenslet.core.LayerInfo;
import dev.lenslet.core.LayeredNetwork;
import dev.lenslet.core.image.Pixels;
import dev.lenslet.core.Prediction;
import dev.lenslet.core.head.Head;
import dev.lenslet.core.head.HeadTrainer;
import java.nio.ByteBuffer;
import java.util.List;
import org.teavm.interop.PlatformMarker;
import org.teavm.interop.Platforms;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSExport;
import org.teavm.jso.typedarrays.Float32Array;
import org.teavm.jso.typedarrays.Int32Array;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * The functions the browser worker (web/worker.js) calls. TeaVM compiles this class twice, to WebAssembly GC and
 * to JavaScript; both builds export the same {@link JSExport} functions, so the worker treats them alike.
 *
 * <p>Byte data comes in as {@code Int8Array}, the typed array both builds turn into a {@code byte[]} in bulk: under
 * Wasm GC TeaVM copies it through linear memory (any other kind would be read one element per call), and the
 * JavaScript build wraps it as a {@code byte[]} without copying.
 */
public final class ClassifierWorker {
    private static Classifier classifier;
    private static boolean simdKernels;

    /** Reused across frames so that classifying video does not allocate a frame-sized array each time. */
    private static byte[] frame = new byte[0];
    /**
     * Direct buffer the frame is copied through: under Wasm GC it lives in linear memory, which JavaScript can
     * fill with one native copy; Java arrays there are GC objects JavaScript cannot write into.
     */
    private static ByteBuffer staging;

    private ClassifierWorker() {
    }

    /**
     * Loads a TFLite model; {@code labels} is the label file's text, or null to use the labels inside the model;
     * {@code arithmetic} is "float" or "integer" (exact uint8, for uint8 per-tensor models only); {@code simd}:
     * worker.js installed kernels.wasm as the import module "simd", so that integer arithmetic may run on it (the
     * WebAssembly GC build only). Returns a one-line description of the loaded model.
     */
    @JSExport
    public static String load(Int8Array model, String labels, String arithmetic, boolean simd) {
        Arithmetic chosen = Arithmetic.named(arithmetic);
        // Drop the old model first: if loading the new one fails, classify must not quietly use the previous one.
        classifier = null;
        simdKernels = false;
        byte[] bytes = model.copyToJavaArray();
        if (simd && chosen == Arithmetic.INTEGER && isWasmGC()) {
            try {
                classifier = Classifier.load(bytes, labels, new WasmSimdKernels(), KernelSet.REGISTER_BLOCKED);
                simdKernels = true;
            } catch (InvalidModelException e) {
                // A layer the SIMD kernels do not cover, or a model integer arithmetic refuses: the Java kernels
                // run the first and give the reason for the second.
            }
        }
        if (classifier == null) {
            classifier = Classifier.load(bytes, labels, chosen, KernelSet.REGISTER_BLOCKED);
        }
        return classifier.classCount() + " classes, input " + classifier.inputWidth() + "x"
                + classifier.inputHeight() + ", " + model.getLength() + " bytes, " + arithmetic + " arithmetic"
                + (simdKernels ? " on SIMD kernels" : "");
    }

    /** Whether the loaded model runs on the WebAssembly SIMD kernels. */
    @JSExport
    public static boolean simdKernels() {
        return simdKernels;
    }

    /** True in the WebAssembly GC build, false in the JavaScript one: TeaVM puts its target's value in each call. */
    @PlatformMarker(Platforms.WEBASSEMBLY_GC)
    private static boolean isWasmGC() {
        return false;
    }

    /**
     * Classifies one RGBA image ({@code width * height * 4} bytes, as in {@code ImageData}) and returns the
     * top {@code k} as a JSON array of {@code {"index":i,"label":"...","score":p}}, best first.
     */
    @JSExport
    public static String classify(Int8Array rgba, int width, int height, int k, boolean centerCrop) {
        var pixels = loadedPixels(rgba, width, height);
        return toJson(classifier.classify(pixels, centerCrop ? Crop.CENTER : Crop.SQUASH, k));
    }

    /**
     * Times every layer of the network, in the arithmetic it was loaded with, on one RGBA image (centre crop), {@code runs} times, with
     * {@code performance.now()}; returns JSON {@code {"layers":[{"kind":"pointwise","shape":"...",
     * "multiplyAdds":n,"ns":[one time per run]}, ...]}} with the layers in the order they run. Times are whole
     * nanoseconds, so that no float formatting code is compiled in for them.
     */
    @JSExport
    public static String profileLayers(Int8Array rgba, int width, int height, int runs) {
        var pixels = loadedPixels(rgba, width, height);
        LayeredNetwork network = classifier.layers();
        int layers = network.layerCount();
        double[] ms = new double[layers * runs]; // [layer][run]
        for (int r = 0; r < runs; r++) {
            classifier.prepareInput(pixels, Crop.CENTER);
            for (int i = 0; i < layers; i++) {
                double start = now();
                network.runLayer(i);
                ms[i * runs + r] = now() - start;
            }
        }
        var json = new StringBuilder(layers * (80 + 12 * runs)).append("{\"layers\":[");
        for (int i = 0; i < layers; i++) {
            json.append(i == 0 ? "{" : ",{").append("\"kind\":");
            LayerInfo layer = network.layer(i);
            appendJsonString(json, layer.kind());
            json.append(",\"shape\":");
            appendJsonString(json, layer.shape());
            json.append(",\"multiplyAdds\":").append(layer.multiplyAdds()).append(",\"ns\":[");
            for (int r = 0; r < runs; r++) {
                json.append(r == 0 ? "" : ",").append(Math.round(ms[i * runs + r] * 1e6));
            }
            json.append("]}");
        }
        return json.append("]}").toString();
    }

    @JSBody(script = "return performance.now();")
    private static native double now();

    /** The RGBA image as pixels, once it is known to be width × height and a model is loaded. */
    private static Pixels loadedPixels(Int8Array rgba, int width, int height) {
        if (classifier == null) {
            throw new IllegalStateException("No model loaded");
        }
        if (width <= 0 || height <= 0 || rgba.getLength() != (long) width * height * 4) {
            throw new IllegalArgumentException("Expected " + width + "x" + height + " RGBA pixels ("
                    + (long) width * height * 4 + " bytes), got " + rgba.getLength() + " bytes");
        }
        return new Pixels(readFrame(rgba), width, height, 4);
    }

    private static byte[] readFrame(Int8Array rgba) {
        int length = rgba.getLength();
        if (frame.length != length) {
            frame = new byte[length];
            staging = ByteBuffer.allocateDirect(length);
        }
        // A new view every time: when Wasm linear memory grows, views made before it are detached.
        Int8Array.fromJavaBuffer(staging).set(rgba);
        staging.get(0, frame);
        return frame;
    }

    private static String toJson(List<Prediction> predictions) {
        var json = new StringBuilder(64 * predictions.size() + 2).append('[');
        for (var prediction : predictions) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append("{\"index\":").append(prediction.index()).append(",\"label\":");
            appendJsonString(json, prediction.label());
            json.append(",\"score\":").append(prediction.probability()).append('}');
        }
        return json.append(']').toString();
    }

    private static void appendJsonString(StringBuilder json, String text) {
        if (text == null) {
            json.append("null");
            return;
        }
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20) {
                json.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
            } else {
                json.append(c);
            }
        }
        json.append('"');
    }

    /**
     * Class {@code classIndex}'s activation map in the last classified image ({@code imageWidth × imageHeight}), as
     * JSON: see {@link Explanation#activationMapJson}.
     */
    @JSExport
    public static String activationMap(int classIndex, int imageWidth, int imageHeight) {
        return Explanation.activationMapJson(loadedClassifier(), classIndex, imageWidth, imageHeight);
    }

    /** The last classified image's embedding, a copy as Float32Array. */
    @JSExport
    public static Float32Array embedding() {
        return Explanation.embedding(loadedClassifier());
    }

    private static Classifier loadedClassifier() {
        if (classifier == null) {
            throw new IllegalStateException("No model loaded");
        }
        return classifier;
    }

    /** The taught head (issue 15) and its training; its functions below only delegate to it. */
    private static final HeadSession heads = new HeadSession();

    /** Call right after {@link #load} with the same bytes: a head is checked against the model's SHA-256. */
    @JSExport
    public static void modelLoaded(Int8Array model) {
        float[] embedding = classifier.embedding();
        heads.modelLoaded(model.copyToJavaArray(), embedding == null ? 0 : embedding.length);
    }

    /** Starts a training set: then trainAddClass per class, trainAddExamples, trainStep until false. */
    @JSExport
    public static void trainBegin() {
        heads.beginTraining();
    }

    @JSExport
    public static int trainAddClass(String name) {
        return heads.addClass(name);
    }

    /** {@code embeddings}: one after another; {@code classIndices}: the class of each. */
    @JSExport
    public static void trainAddExamples(Float32Array embeddings, Int32Array classIndices) {
        heads.addExamples(embeddings.copyToJavaArray(), classIndices.copyToJavaArray());
    }

    /** One epoch; false once training is over. */
    @JSExport
    public static boolean trainStep() {
        return heads.step();
    }

    @JSExport
    public static int trainEpoch() {
        return heads.trainer().epoch();
    }

    @JSExport
    public static double trainLoss() {
        return heads.trainer().loss();
    }

    @JSExport
    public static double trainAccuracy() {
        return heads.trainer().accuracy();
    }

    @JSExport
    public static int trainMaxEpochs() {
        return HeadTrainer.MAX_EPOCHS;
    }

    /** The head file of the training just finished: what the page stores, exports and installs in every worker. */
    @JSExport
    public static Int8Array trainedHeadFile() {
        return Int8Array.copyFromJavaArray(heads.trainedHeadFile());
    }

    /** Installs a head file (checked against the loaded model); returns its class names as a JSON array. */
    @JSExport
    public static String installHead(Int8Array file) {
        Head head = heads.install(file.copyToJavaArray());
        var json = new StringBuilder("[");
        for (int i = 0; i < head.classCount(); i++) {
            json.append(i == 0 ? "" : ",");
            appendJsonString(json, head.className(i));
        }
        return json.append(']').toString();
    }

    /** Whether {@link #classifyWithHead} (true) or {@link #classify} (false) is what the page asked for. */
    @JSExport
    public static void useHead(boolean use) {
        heads.use(use);
    }

    @JSExport
    public static boolean headInUse() {
        return heads.inUse();
    }

    /** As {@link #classify}, with the installed head's classes in place of ImageNet's. */
    @JSExport
    public static String classifyWithHead(Int8Array rgba, int width, int height, int k, boolean centerCrop) {
        classifier.run(loadedPixels(rgba, width, height), centerCrop ? Crop.CENTER : Crop.SQUASH);
        return toJson(heads.classify(classifier.embedding(), k));
    }
}
