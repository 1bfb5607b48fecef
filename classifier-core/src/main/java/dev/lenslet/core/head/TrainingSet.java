package dev.lenslet.core.head;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The examples a head learns from: named classes, each with embeddings of one model's images. Each embedding is
 * checked, L2-normalised and copied as it is added ({@link #bytesPerExample()} bytes each), so the caller may reuse
 * its array, e.g. {@code Classifier.embedding()}. Add-only: to remove an example, build a new set.
 */
public final class TrainingSet {
    /** Classes a head may have, on the page and on the JVM alike, so that every head file loads everywhere. */
    public static final int MAX_CLASSES = 20;
    /** A class with fewer examples is refused: one example says nothing about what varies within its class. */
    public static final int MIN_EXAMPLES_PER_CLASS = 2;
    /**
     * Examples in all classes together: bounds the memory (20 MB of 1280-value embeddings) and the training time
     * (linear in the count).
     */
    public static final int MAX_EXAMPLES = 4000;

    private final byte[] modelSha256;
    private final int embeddingLength;
    private final List<String> names = new ArrayList<>();
    private final List<List<float[]>> examples = new ArrayList<>();
    private int exampleCount;

    /**
     * @param modelSha256     SHA-256 of the model file whose embeddings are added ({@link Sha256#digest})
     * @param embeddingLength the model's embedding length (1280 for MobileNetV2 1.0)
     */
    public TrainingSet(byte[] modelSha256, int embeddingLength) {
        if (modelSha256 == null || modelSha256.length != Sha256.BYTES) {
            throw new IllegalArgumentException("a model's SHA-256 has 32 bytes, not "
                    + (modelSha256 == null ? "none" : modelSha256.length));
        }
        if (embeddingLength <= 0) {
            throw new IllegalArgumentException("embedding length must be positive, not " + embeddingLength);
        }
        this.modelSha256 = modelSha256.clone();
        this.embeddingLength = embeddingLength;
    }

    /**
     * Adds a class with no examples yet.
     *
     * @return its index, the position its probability takes in a head's output
     * @throws InvalidHeadException if there are already {@link #MAX_CLASSES}, or the name breaks the rules: blank,
     *                              over 100 characters, a control character, or the same as another ignoring case
     */
    public int addClass(String name) {
        if (names.size() == MAX_CLASSES) {
            throw new InvalidHeadException("a head has at most " + MAX_CLASSES + " classes; \"" + name
                    + "\" would be class " + (MAX_CLASSES + 1) + ": remove a class or merge two");
        }
        ClassNames.check(name, names);
        names.add(name);
        examples.add(new ArrayList<>());
        return names.size() - 1;
    }

    /**
     * Adds an example of class {@code classIndex}: its embedding is checked, normalised to length 1 and copied.
     *
     * @throws InvalidHeadException if the embedding has the wrong length or a NaN or infinite value, or the set
     *                              already holds {@link #MAX_EXAMPLES}
     */
    public void add(int classIndex, float[] embedding) {
        if (classIndex < 0 || classIndex >= names.size()) {
            throw new IllegalArgumentException("no class " + classIndex + "; there are " + names.size());
        }
        String where = "example " + (examples.get(classIndex).size() + 1) + " of \"" + names.get(classIndex) + "\"";
        if (exampleCount == MAX_EXAMPLES) {
            throw new InvalidHeadException(where + " is one too many: a head learns from at most " + MAX_EXAMPLES
                    + " examples in all; remove some (a few dozen per class are plenty)");
        }
        examples.get(classIndex).add(Embeddings.normalised(embedding, embeddingLength, where));
        exampleCount++;
    }

    public int classCount() {
        return names.size();
    }

    public String className(int classIndex) {
        return names.get(classIndex);
    }

    public int exampleCount(int classIndex) {
        return examples.get(classIndex).size();
    }

    /** Examples in all classes. */
    public int exampleCount() {
        return exampleCount;
    }

    public int embeddingLength() {
        return embeddingLength;
    }

    public byte[] modelSha256() {
        return modelSha256.clone();
    }

    /** Bytes one example takes in memory: its normalised embedding as floats. */
    public int bytesPerExample() {
        return 4 * embeddingLength;
    }

    /** Throws unless the set can train a head: at least 2 classes, each with {@link #MIN_EXAMPLES_PER_CLASS}. */
    void checkTrainable() {
        if (names.size() < 2) {
            throw new InvalidHeadException("a head needs at least 2 classes to tell apart, but there "
                    + (names.size() == 1 ? "is only \"" + names.get(0) + "\"" : "are none") + "; add another class");
        }
        for (int c = 0; c < names.size(); c++) {
            int count = examples.get(c).size();
            if (count < MIN_EXAMPLES_PER_CLASS) {
                throw new InvalidHeadException("class \"" + names.get(c) + "\" has " + (count == 0 ? "no examples"
                        : "only 1 example") + "; give every class at least " + MIN_EXAMPLES_PER_CLASS
                        + " (5 or more make a reliable head)");
            }
        }
    }

    List<String> names() {
        return Collections.unmodifiableList(names);
    }

    /** The normalised embeddings of class {@code classIndex}, in the order they were added. */
    List<float[]> examples(int classIndex) {
        return Collections.unmodifiableList(examples.get(classIndex));
    }
}
