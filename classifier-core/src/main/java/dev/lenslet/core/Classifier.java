package dev.lenslet.core;

import dev.lenslet.core.fp32.FloatNetwork;
import dev.lenslet.core.image.Crop;
import dev.lenslet.core.image.Pixels;
import dev.lenslet.core.image.Region;
import dev.lenslet.core.kernel.KernelSet;
import dev.lenslet.core.quant.QuantizedNetwork;
import dev.lenslet.core.quant.SimdKernels;
import dev.lenslet.core.tflite.TfliteModel;
import dev.lenslet.core.tflite.TfliteModelReader;
import java.util.ArrayList;
import java.util.List;

/**
 * Lenslet's API, the same on the JVM and in the browser: load a MobileNet .tflite once, then classify images.
 * Not thread-safe: one instance owns its activation buffers; use one per thread or worker.
 */
public final class Classifier {
    private final Engine engine;
    private final Labels labels;
    /** Output index of ImageNet class 0: 1 when output 0 is "background". */
    private final int classOffset;
    private final float[] probabilities; // [engine.outputSize()]
    /** What the last run's network input covered of its image (the crop), in image pixels. */
    private float inputLeft, inputTop, inputWidth, inputHeight;
    private float[] activationMap; // [mapHeight · mapWidth], made on the first request

    private Classifier(Engine engine, Labels labels, int classOffset) {
        this.engine = engine;
        this.labels = labels;
        this.classOffset = classOffset;
        this.probabilities = new float[engine.outputSize()];
    }

    /** Loads a model whose label file is embedded in it (TFLite metadata), in float arithmetic. */
    public static Classifier load(byte[] model, KernelSet kernels) {
        return load(model, null, Arithmetic.FLOAT, kernels);
    }

    /**
     * Loads a model in float arithmetic.
     *
     * @param labelText the label file (one line per output), or null to use the one embedded in the model
     * @throws InvalidModelException if the model cannot be read or run, or no labels fit it
     */
    public static Classifier load(byte[] model, String labelText, KernelSet kernels) {
        return load(model, labelText, Arithmetic.FLOAT, kernels);
    }

    /**
     * @param labelText  the label file (one line per output), or null to use the one embedded in the model
     * @param arithmetic {@link Arithmetic#INTEGER} needs a uint8 model with one scale and zero point per tensor
     * @param kernels    the float kernels' form: {@link KernelSet#REGISTER_BLOCKED} in the browser, on the JVM
     *                   {@link KernelSet#VECTORIZABLE} or a JVM-only set such as the server's Vector API one (each
     *                   fast on its own compiler); integer arithmetic uses them for its float classifier
     * @throws InvalidModelException if the model cannot be read or run in that arithmetic, or no labels fit it
     */
    public static Classifier load(byte[] model, String labelText, Arithmetic arithmetic, KernelSet kernels) {
        TfliteModel parsed = TfliteModelReader.read(model);
        Engine engine = arithmetic == Arithmetic.INTEGER ? QuantizedNetwork.build(parsed, kernels)
                : FloatNetwork.build(parsed, kernels);
        return withLabels(parsed, engine, labelText);
    }

    /**
     * Loads a model in integer arithmetic on the WebAssembly SIMD kernels (the browser's WebAssembly build): the
     * same outputs as {@link Arithmetic#INTEGER} on the Java kernels.
     *
     * @throws InvalidModelException also when a layer's shape is one the SIMD kernels do not cover
     */
    public static Classifier load(byte[] model, String labelText, SimdKernels simd, KernelSet kernels) {
        TfliteModel parsed = TfliteModelReader.read(model);
        return withLabels(parsed, QuantizedNetwork.build(parsed, kernels, simd), labelText);
    }

    private static Classifier withLabels(TfliteModel parsed, Engine engine, String labelText) {
        int outputs = engine.outputSize();
        String text = labelText != null ? labelText : parsed.embeddedLabels;
        if (text == null) {
            throw new InvalidModelException("the model has no embedded label file; give the labels"
                    + " (e.g. imagenet_labels.txt, one line per output)");
        }
        Labels labels = Labels.parse(text);
        int offset;
        if (labels.size() == outputs) {
            offset = labels.name(0).equalsIgnoreCase("background") ? 1 : 0;
        } else {
            throw new InvalidModelException("the label file has " + labels.size() + " lines but the model has "
                    + outputs + " outputs; use the label file made for this model");
        }
        return new Classifier(engine, labels, offset);
    }

    /** Top {@code k} classes of the image, most probable first; background is never reported. */
    public List<Prediction> classify(Pixels pixels, Crop crop, int k) {
        run(pixels, crop);
        return top(k);
    }

    /** Runs the network; afterwards {@link #probabilities()} and {@link #embedding()} hold this image's values. */
    public void run(Pixels pixels, Crop crop) {
        prepareInput(pixels, crop);
        engine.run(probabilities);
    }

    /** Fills the network's input with the image, as {@link #run} does first: a profiler then runs the layers. */
    public void prepareInput(Pixels pixels, Crop crop) {
        engine.setInput(pixels, crop);
        inputLeft = crop.left(pixels);
        inputTop = crop.top(pixels);
        inputWidth = crop.width(pixels);
        inputHeight = crop.height(pixels);
    }

    /** The {@code k} most probable classes of the last run. */
    public List<Prediction> top(int k) {
        int classes = classCount();
        int n = Math.max(0, Math.min(k, classes));
        int[] best = new int[n];
        int found = 0;
        for (int c = 0; c < classes; c++) {
            float p = probabilities[c + classOffset];
            int pos = found;
            while (pos > 0 && probabilities[best[pos - 1] + classOffset] < p) {
                pos--;
            }
            if (pos < n) {
                System.arraycopy(best, pos, best, pos + 1, Math.min(found, n - 1) - pos);
                best[pos] = c;
                found = Math.min(found + 1, n);
            }
        }
        List<Prediction> result = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int c = best[i];
            result.add(new Prediction(c, labels.name(c + classOffset), probabilities[c + classOffset]));
        }
        return result;
    }

    /** Probabilities of the last run, one per model output (index 0 is background when the model has it). */
    public float[] probabilities() {
        return probabilities;
    }

    /** The pooled feature vector (1280 values for MobileNetV2 1.0) of the last run, or null if the model has none. */
    public float[] embedding() {
        return engine.embedding();
    }

    /**
     * Where the network looked for ImageNet class {@code classIndex} in the last run: its class activation map
     * [mapHeight][mapWidth] (row-major, image orientation), raw values (see
     * {@link dev.lenslet.core.explain.MapSummary#scaleToUnit} to show them), covering {@link #inputRegion()}. The
     * buffer is made on the first call and reused by the next.
     *
     * @throws IllegalStateException when the model has no global pool followed by a classifier
     */
    public float[] activationMap(int classIndex) {
        if (classIndex < 0 || classIndex >= classCount()) {
            throw new IllegalArgumentException("class " + classIndex + " is not in 0.." + (classCount() - 1));
        }
        if (activationMap == null) {
            activationMap = new float[engine.mapHeight() * engine.mapWidth()];
        }
        engine.classActivationMap(classIndex + classOffset, activationMap);
        return activationMap;
    }

    /** Rows of {@link #activationMap}'s grid (7 for MobileNetV2 at 224×224); 0 when the model has none. */
    public int mapHeight() {
        return engine.mapHeight();
    }

    public int mapWidth() {
        return engine.mapWidth();
    }

    /** What the last run's network input covered of its image (the whole region, or the central crop). */
    public Region inputRegion() {
        return new Region(inputLeft, inputTop, inputWidth, inputHeight);
    }

    public int classCount() {
        return engine.outputSize() - classOffset;
    }

    public int inputWidth() {
        return engine.inputWidth();
    }

    public int inputHeight() {
        return engine.inputHeight();
    }

    /** The layers of the network it runs, for profiles that run them one by one after {@link #prepareInput}. */
    public LayeredNetwork layers() {
        return engine;
    }
}
