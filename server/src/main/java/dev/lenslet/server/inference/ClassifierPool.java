package dev.lenslet.server.inference;

import dev.lenslet.core.Arithmetic;
import dev.lenslet.core.Classifier;
import dev.lenslet.server.kernel.JvmKernels;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A fixed set of Classifiers loaded from one model, lent out one request at a time (a Classifier is not
 * thread-safe). Its size bounds how many inferences run at once, whatever number of HTTP threads ask: more
 * than one per core would only make every request slower.
 */
public final class ClassifierPool {
    private final BlockingQueue<Classifier> idle;
    private final Duration maxWait;
    private final int embeddingLength;

    /**
     * Loads {@code size} Classifiers up front, so an unusable model fails the server's start, not a request.
     *
     * @param labelText  the label file's text, or null for the labels embedded in the model
     * @param arithmetic float, or TFLite's exact integer arithmetic (only for per-tensor uint8 models); the
     *                   float kernels are {@link JvmKernels#CHOSEN}, integer arithmetic has one form
     * @param maxWait    how long a request may wait for a free Classifier before it is turned away
     * @throws dev.lenslet.core.InvalidModelException if the model or labels cannot be used, or not in that arithmetic
     */
    public ClassifierPool(byte[] model, String labelText, Arithmetic arithmetic, int size, Duration maxWait) {
        this.idle = new ArrayBlockingQueue<>(size);
        this.maxWait = maxWait;
        for (int i = 0; i < size; i++) {
            idle.add(Classifier.load(model, labelText, arithmetic, JvmKernels.CHOSEN));
        }
        this.embeddingLength = idle.element().embedding().length;
    }

    /** Values in the model's embedding (1280 for MobileNetV2 1.0). */
    public int embeddingLength() {
        return embeddingLength;
    }

    /**
     * Runs {@code task} with a Classifier of its own; empty if every Classifier stayed busy for the whole wait.
     */
    public <T> Optional<T> withClassifier(Function<Classifier, T> task) throws InterruptedException {
        Classifier classifier = idle.poll(maxWait.toMillis(), TimeUnit.MILLISECONDS);
        if (classifier == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(task.apply(classifier));
        } finally {
            idle.add(classifier);
        }
    }
}
