package dev.lenslet.server.inference;

import dev.lenslet.core.Classifier;
import dev.lenslet.core.Prediction;
import dev.lenslet.core.head.Head;
import dev.lenslet.core.head.HeadFile;
import dev.lenslet.core.head.InvalidHeadException;
import dev.lenslet.server.IoErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A head file made by {@code lenslet train} or exported from the page, checked against the loaded model: answers
 * with its classes from the network's embedding. A {@link Head} owns its buffers, so each thread gets its own,
 * read from the same bytes.
 */
public final class TaughtHead implements TopClasses {
    private final String fileName;
    private final List<String> classNames;
    private final ThreadLocal<Head> perThread;

    private TaughtHead(String fileName, Head checked, byte[] file, byte[] modelSha256) {
        this.fileName = fileName;
        List<String> names = new ArrayList<>();
        for (int c = 0; c < checked.classCount(); c++) {
            names.add(checked.className(c));
        }
        this.classNames = Collections.unmodifiableList(names);
        this.perThread = ThreadLocal.withInitial(() -> HeadFile.read(file, modelSha256, checked.embeddingLength()));
    }

    /**
     * Reads and checks a head file.
     *
     * @param modelSha256     SHA-256 of the loaded model file ({@link ClassifierPerThread#modelSha256()})
     * @param embeddingLength the loaded model's embedding length
     * @throws InvalidHeadException naming the file, if it cannot be read, is damaged, or belongs to another model
     */
    public static TaughtHead read(Path file, byte[] modelSha256, int embeddingLength) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InvalidHeadException("head file " + file + ": cannot read it: " + IoErrors.describe(e));
        }
        try {
            Head head = HeadFile.read(bytes, modelSha256, embeddingLength);
            return new TaughtHead(file.getFileName().toString(), head, bytes, modelSha256);
        } catch (InvalidHeadException e) {
            throw new InvalidHeadException("head file " + file + ": " + e.getMessage());
        }
    }

    @Override
    public List<Prediction> of(Classifier classifier, int k) {
        return perThread.get().classify(classifier.embedding(), k);
    }

    /** The head file's name, as /healthz reports it. */
    public String fileName() {
        return fileName;
    }

    /** The taught classes, in class order. */
    public List<String> classNames() {
        return classNames;
    }
}
