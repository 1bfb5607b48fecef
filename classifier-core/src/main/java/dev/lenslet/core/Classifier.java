package dev.lenslet.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Lenslet's API, the same on the JVM and in the browser: load a MobileNet .tflite once, then classify images.
 * Not thread-safe: one instance owns its activation buffers; use one per thread or worker.
 */
public final class Classifier {
    private final Network network;
    private final Preprocessor preprocessor;
    private final Labels labels;
    /** Output index of ImageNet class 0: 1 when output 0 is "background". */
    private final int classOffset;
    private final float[] probabilities; // [outputSize]

    private Classifier(Network network, Preprocessor preprocessor, Labels labels, int classOffset) {
        this.network = network;
        this.preprocessor = preprocessor;
        this.labels = labels;
        this.classOffset = classOffset;
        this.probabilities = new float[network.outputSize];
    }

    /** Loads a model whose label file is embedded in it (TFLite metadata). */
    public static Classifier load(byte[] model) {
        return load(model, null);
    }

    /**
     * @param labelText the label file (one line per output), or null to use the one embedded in the model
     * @throws InvalidModelException if the model cannot be read or run, or no labels fit it
     */
    public static Classifier load(byte[] model, String labelText) {
        TfliteModel parsed = TfliteModelReader.read(model);
        Network network = NetworkBuilder.build(parsed);
        String text = labelText != null ? labelText : parsed.embeddedLabels;
        if (text == null) {
            throw new InvalidModelException("the model has no embedded label file; give the labels"
                    + " (e.g. imagenet_labels.txt, one line per output)");
        }
        Labels labels = Labels.parse(text);
        int outputs = network.outputSize;
        int offset;
        if (labels.size() == outputs) {
            offset = labels.name(0).equalsIgnoreCase("background") ? 1 : 0;
        } else {
            throw new InvalidModelException("the label file has " + labels.size() + " lines but the model has "
                    + outputs + " outputs; use the label file made for this model");
        }
        return new Classifier(network, Preprocessor.forInput(parsed.input()), labels, offset);
    }

    /** Top {@code k} classes of the image, most probable first; background is never reported. */
    public List<Prediction> classify(Pixels pixels, Crop crop, int k) {
        run(pixels, crop);
        return top(k);
    }

    /** Runs the network; afterwards {@link #probabilities()} and {@link #embedding()} hold this image's values. */
    public void run(Pixels pixels, Crop crop) {
        prepareInput(pixels, crop);
        float[] out = network.run();
        if (network.outputsProbabilities) {
            System.arraycopy(out, 0, probabilities, 0, probabilities.length);
        } else {
            Softmax.forward(out, 0, probabilities.length, 1f, probabilities);
        }
    }

    /** Fills the network's input with the image, as {@link #run} does first: a profiler then runs the layers. */
    public void prepareInput(Pixels pixels, Crop crop) {
        preprocessor.run(pixels, crop, network.input());
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
        return network.embedding();
    }

    public int classCount() {
        return network.outputSize - classOffset;
    }

    public int inputWidth() {
        return network.inputWidth;
    }

    public int inputHeight() {
        return network.inputHeight;
    }

    public Network network() {
        return network;
    }
}
