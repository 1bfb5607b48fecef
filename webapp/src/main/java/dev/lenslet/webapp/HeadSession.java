package dev.lenslet.webapp;

import dev.lenslet.core.Prediction;
import dev.lenslet.core.head.Head;
import dev.lenslet.core.head.HeadFile;
import dev.lenslet.core.head.HeadTrainer;
import dev.lenslet.core.head.Sha256;
import dev.lenslet.core.head.TrainingSet;
import java.util.List;

/**
 * One worker's taught head: the training in progress, the head installed, and whether classifying uses it or
 * ImageNet. A head belongs to one model, named by its SHA-256, which is taken once when the model loads; loading
 * another model drops the head.
 */
final class HeadSession {
    private byte[] modelSha256;
    private int embeddingLength;
    private TrainingSet trainingSet;
    private HeadTrainer trainer;
    private Head head;
    private boolean inUse;

    /** Forgets the head of the previous model and remembers this one's SHA-256 and embedding length. */
    void modelLoaded(byte[] model, int embeddingLength) {
        this.modelSha256 = Sha256.digest(model);
        this.embeddingLength = embeddingLength;
        trainingSet = null;
        trainer = null;
        head = null;
        inUse = false;
    }

    /** Starts a new training set; classes and examples follow, then {@link #step()} until it returns false. */
    void beginTraining() {
        trainingSet = new TrainingSet(loadedModelSha256(), embeddingLength);
        trainer = null;
    }

    /** @throws dev.lenslet.core.head.InvalidHeadException naming what is wrong with the name */
    int addClass(String name) {
        return training().addClass(name);
    }

    /** {@code embeddings} holds one embedding after another; {@code classIndices} says whose each one is. */
    void addExamples(float[] embeddings, int[] classIndices) {
        TrainingSet set = training();
        if (embeddings.length != (long) classIndices.length * embeddingLength) {
            throw new IllegalArgumentException(classIndices.length + " examples need "
                    + (long) classIndices.length * embeddingLength + " embedding values, not " + embeddings.length);
        }
        float[] embedding = new float[embeddingLength];
        for (int i = 0; i < classIndices.length; i++) {
            System.arraycopy(embeddings, i * embeddingLength, embedding, 0, embeddingLength);
            set.add(classIndices[i], embedding);
        }
    }

    /** Runs one epoch; the first call checks the set can be trained. Returns false once training is over. */
    boolean step() {
        if (trainer == null) {
            trainer = new HeadTrainer(training());
        }
        return trainer.step();
    }

    HeadTrainer trainer() {
        if (trainer == null) {
            throw new IllegalStateException("No training has started");
        }
        return trainer;
    }

    /** The file of the head trained last; the training set is let go. */
    byte[] trainedHeadFile() {
        byte[] file = HeadFile.write(trainer().head());
        trainingSet = null;
        trainer = null;
        return file;
    }

    /**
     * Installs the head in {@code file}, checked against the loaded model, and returns its class names.
     *
     * @throws dev.lenslet.core.head.InvalidHeadException saying what is wrong with the file, for people to read
     */
    Head install(byte[] file) {
        Head read = HeadFile.read(file, loadedModelSha256(), embeddingLength);
        head = read;
        return read;
    }

    /** Classifying uses the installed head when {@code use}, else ImageNet. */
    void use(boolean use) {
        if (use && head == null) {
            throw new IllegalStateException("No head is installed: train one or import a head file first");
        }
        inUse = use;
    }

    boolean inUse() {
        return inUse;
    }

    List<Prediction> classify(float[] embedding, int k) {
        return head.classify(embedding, k);
    }

    private TrainingSet training() {
        if (trainingSet == null) {
            throw new IllegalStateException("No training has started");
        }
        return trainingSet;
    }

    private byte[] loadedModelSha256() {
        if (modelSha256 == null) {
            throw new IllegalStateException("No model loaded");
        }
        return modelSha256;
    }
}
