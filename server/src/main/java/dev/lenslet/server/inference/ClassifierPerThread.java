package dev.lenslet.server.inference;

import dev.lenslet.core.Arithmetic;
import dev.lenslet.core.Classifier;
import dev.lenslet.core.head.Sha256;
import dev.lenslet.server.kernel.JvmKernels;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/** A Classifier for each worker thread (a Classifier is not thread-safe), all loaded from the same model. */
public final class ClassifierPerThread {
    private final byte[] model;
    private final String labelText;
    private final Arithmetic arithmetic;
    /** Loaded but not yet owned by a thread: the first one, loaded up front to check the model. */
    private final Queue<Classifier> unclaimed = new ConcurrentLinkedQueue<>();
    private final ThreadLocal<Classifier> perThread = ThreadLocal.withInitial(this::claimOrLoad);
    private final int embeddingLength;

    /**
     * Loads the model once right away, so that an unusable model is reported before any image is read.
     *
     * @param labelText the label file's text, or null for the labels embedded in the model
     * @throws dev.lenslet.core.InvalidModelException if the model or labels cannot be used, or not in that arithmetic
     */
    public ClassifierPerThread(byte[] model, String labelText, Arithmetic arithmetic) {
        this.model = model;
        this.labelText = labelText;
        this.arithmetic = arithmetic;
        Classifier first = load();
        this.embeddingLength = first.embedding().length;
        unclaimed.add(first);
    }

    /** SHA-256 of the model file, as a head file records the model it was trained on. */
    public byte[] modelSha256() {
        return Sha256.digest(model);
    }

    /** Values in the model's embedding (1280 for MobileNetV2 1.0). */
    public int embeddingLength() {
        return embeddingLength;
    }

    /** The calling thread's own Classifier. */
    Classifier get() {
        return perThread.get();
    }

    private Classifier claimOrLoad() {
        Classifier loaded = unclaimed.poll();
        return loaded != null ? loaded : load();
    }

    /** Integer arithmetic has a single kernel form; {@link JvmKernels#CHOSEN} is the fastest float one here. */
    private Classifier load() {
        return Classifier.load(model, labelText, arithmetic, JvmKernels.CHOSEN);
    }
}
