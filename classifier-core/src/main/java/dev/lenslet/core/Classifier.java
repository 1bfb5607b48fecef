package dev.lenslet.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Lenslet's API, the same on the JVM and in the browser: load a MobileNet .tflite once, then classify images.
 * Not thread-safe: one instance owns its activation buffers; use one per thread or worker.
 */
public final class Classifier {
    /** Exactly one of the two networks is set, the one of the arithmetic the classifier was loaded with. */
    private final Network network;
    private final QuantizedNetwork quantized;
    private final Preprocessor preprocessor;
    private final Labels labels;
    /** Output index of ImageNet class 0: 1 when output 0 is "background". */
    private final int classOffset;
    private final int outputSize, inputWidth, inputHeight;
    private final float[] probabilities; // [outputSize]

    private Classifier(Network network, QuantizedNetwork quantized, Preprocessor preprocessor, Labels labels,
                       int classOffset) {
        this.network = network;
        this.quantized = quantized;
        this.preprocessor = preprocessor;
        this.labels = labels;
        this.classOffset = classOffset;
        this.outputSize = network != null ? network.outputSize : quantized.outputSize;
        this.inputWidth = network != null ? network.inputWidth : quantized.inputWidth;
        this.inputHeight = network != null ? network.inputHeight : quantized.inputHeight;
        this.probabilities = new float[outputSize];
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
     *                   fast on its own compiler); integer arithmetic has one form, for both
     * @throws InvalidModelException if the model cannot be read or run in that arithmetic, or no labels fit it
     */
    public static Classifier load(byte[] model, String labelText, Arithmetic arithmetic, KernelSet kernels) {
        TfliteModel parsed = TfliteModelReader.read(model);
        Network network = null;
        QuantizedNetwork quantized = null;
        Preprocessor preprocessor;
        int outputs;
        if (arithmetic == Arithmetic.INTEGER) {
            quantized = NetworkBuilder.buildQuantized(parsed);
            outputs = quantized.outputSize;
            // The raw input q of a uint8 model is the pixel itself: real = scale · (pixel − zeroPoint).
            preprocessor = new Preprocessor(quantized.inputHeight, quantized.inputWidth, 1f, 0f);
        } else {
            network = NetworkBuilder.build(parsed, kernels);
            outputs = network.outputSize;
            preprocessor = Preprocessor.forInput(parsed.input());
        }
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
        return new Classifier(network, quantized, preprocessor, labels, offset);
    }

    /** Top {@code k} classes of the image, most probable first; background is never reported. */
    public List<Prediction> classify(Pixels pixels, Crop crop, int k) {
        run(pixels, crop);
        return top(k);
    }

    /** Runs the network; afterwards {@link #probabilities()} and {@link #embedding()} hold this image's values. */
    public void run(Pixels pixels, Crop crop) {
        prepareInput(pixels, crop);
        boolean outputsProbabilities;
        if (quantized != null && quantized.hasFloatLogits()) {
            System.arraycopy(quantized.runToLogits(), 0, probabilities, 0, outputSize);
            outputsProbabilities = false;
        } else if (quantized != null) {
            byte[] out = quantized.run();
            for (int i = 0; i < outputSize; i++) {
                probabilities[i] = quantized.outputScale * ((out[i] & 0xFF) - quantized.outputZeroPoint);
            }
            outputsProbabilities = quantized.outputsProbabilities;
        } else {
            System.arraycopy(network.run(), 0, probabilities, 0, outputSize);
            outputsProbabilities = network.outputsProbabilities;
        }
        if (!outputsProbabilities) {
            Softmax.forward(probabilities, 0, outputSize, 1f, probabilities);
        }
    }

    /** Fills the network's input with the image, as {@link #run} does first: a profiler then runs the layers. */
    public void prepareInput(Pixels pixels, Crop crop) {
        if (quantized != null) {
            preprocessor.run(pixels, crop, quantized.input());
        } else {
            preprocessor.run(pixels, crop, network.input());
        }
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
        return network != null ? network.embedding() : quantized.embedding();
    }

    public int classCount() {
        return outputSize - classOffset;
    }

    public int inputWidth() {
        return inputWidth;
    }

    public int inputHeight() {
        return inputHeight;
    }

    /** The float network, or null when loaded with {@link Arithmetic#INTEGER}. */
    public Network network() {
        return network;
    }

    /** The integer network, or null when loaded with {@link Arithmetic#FLOAT}. */
    public QuantizedNetwork quantizedNetwork() {
        return quantized;
    }

    /** The network of the arithmetic it was loaded with, for profiles that run its layers one by one. */
    public LayeredNetwork layers() {
        return network != null ? network : quantized;
    }
}
