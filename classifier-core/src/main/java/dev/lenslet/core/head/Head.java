package dev.lenslet.core.head;

import dev.lenslet.core.Prediction;
import java.util.ArrayList;
import java.util.List;

/**
 * A trained classifier head: the user's classes, a softmax layer over a model's L2-normalised embedding, and the
 * SHA-256 of that model. Its weights never change; it owns its prediction buffers, so use one instance per thread
 * or worker. Made by {@link HeadTrainer} or read by {@link HeadFile}.
 */
public final class Head {
    private final String[] classNames;
    private final float[][] weights; // [classes][embeddingLength]
    private final float[] bias;      // [classes]
    private final byte[] modelSha256;
    private final float[] normalised;   // [embeddingLength]: the embedding being classified
    private final double[] scratch;     // [classes]: its logits, then probabilities
    private final float[] probabilities; // [classes]: of the last classify call

    Head(String[] classNames, float[][] weights, float[] bias, byte[] modelSha256) {
        this.classNames = classNames;
        this.weights = weights;
        this.bias = bias;
        this.modelSha256 = modelSha256;
        this.normalised = new float[weights[0].length];
        this.scratch = new double[classNames.length];
        this.probabilities = new float[classNames.length];
    }

    /**
     * The head's {@code k} most probable classes for a model's embedding, most probable first; ties keep class
     * order. {@link Prediction#index()} is the class's position, {@link Prediction#label()} its name.
     *
     * @param embedding e.g. {@code Classifier.embedding()} after a run of the model this head was trained on
     * @throws InvalidHeadException if the embedding has the wrong length or a NaN or infinite value
     */
    public List<Prediction> classify(float[] embedding, int k) {
        Embeddings.normalise(embedding, normalised, "the embedding to classify");
        SoftmaxLayer.logits(weights, bias, normalised, scratch);
        SoftmaxLayer.softmax(scratch, classNames.length);
        for (int c = 0; c < classNames.length; c++) {
            probabilities[c] = (float) scratch[c];
        }
        int n = Math.max(0, Math.min(k, classNames.length));
        List<Prediction> top = new ArrayList<>(n);
        long taken = 0; // bit c set once class c is in the list (at most 64 classes: 20 are allowed)
        for (int i = 0; i < n; i++) {
            int best = -1;
            for (int c = 0; c < classNames.length; c++) {
                if ((taken & 1L << c) == 0 && (best < 0 || probabilities[c] > probabilities[best])) {
                    best = c;
                }
            }
            taken |= 1L << best;
            top.add(new Prediction(best, classNames[best], probabilities[best]));
        }
        return top;
    }

    /** Probabilities of the last {@link #classify}, one per class in class order (they sum to 1). */
    public float[] probabilities() {
        return probabilities;
    }

    public int classCount() {
        return classNames.length;
    }

    public String className(int classIndex) {
        return classNames[classIndex];
    }

    public int embeddingLength() {
        return normalised.length;
    }

    /** SHA-256 of the model file whose embeddings this head was trained on. */
    public byte[] modelSha256() {
        return modelSha256.clone();
    }

    float[][] weights() {
        return weights;
    }

    float[] bias() {
        return bias;
    }
}
