package dev.lenslet.server.model;

import dev.lenslet.core.Arithmetic;
import dev.lenslet.core.InvalidModelException;
import dev.lenslet.core.tflite.TfliteModelReader;
import dev.lenslet.server.IoErrors;
import dev.lenslet.server.inference.ClassifierPerThread;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BiFunction;

/** Reads a model and finds its labels, turning every problem into one message that names the file. */
public final class ModelLoader {
    /** Label file looked for beside a model that has none embedded. */
    static final String SIBLING_LABELS = "imagenet_labels.txt";

    private ModelLoader() {
    }

    /**
     * @param labelsFile the --labels file, or null to use the model's embedded labels or {@value SIBLING_LABELS}
     *                   beside the model
     */
    public static ClassifierPerThread load(Path modelFile, Path labelsFile, Arithmetic arithmetic)
            throws ModelUnavailableException {
        return load(modelFile, labelsFile, (model, labelText) -> new ClassifierPerThread(model, labelText, arithmetic));
    }

    /**
     * Reads the model and its label text and hands both to {@code loader} (the label text is null when the
     * model's embedded labels are used), turning an unusable model or label file into one message that names
     * them. The server loads through here too, so both commands check models and report problems alike.
     */
    public static <T> T load(Path modelFile, Path labelsFile, BiFunction<byte[], String, T> loader)
            throws ModelUnavailableException {
        byte[] model = read(modelFile, "model");
        String subject = "model " + modelFile + (labelsFile == null ? "" : " with labels " + labelsFile);
        try {
            return loader.apply(model, labelText(modelFile, model, labelsFile));
        } catch (InvalidModelException e) {
            throw new ModelUnavailableException(subject + ": " + e.getMessage());
        }
    }

    /** The label text to load the model with; null means the model's embedded labels. */
    private static String labelText(Path modelFile, byte[] model, Path labelsFile) throws ModelUnavailableException {
        if (labelsFile != null) {
            return new String(read(labelsFile, "labels"), StandardCharsets.UTF_8);
        }
        if (TfliteModelReader.read(model).embeddedLabels != null) {
            return null;
        }
        Path sibling = modelFile.resolveSibling(SIBLING_LABELS);
        if (Files.isRegularFile(sibling)) {
            return new String(read(sibling, "labels"), StandardCharsets.UTF_8);
        }
        throw new ModelUnavailableException("model " + modelFile + ": it has no embedded labels and there is no "
                + SIBLING_LABELS + " beside it; pass --labels FILE (one label per model output)");
    }

    private static byte[] read(Path file, String role) throws ModelUnavailableException {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ModelUnavailableException(role + " " + file + ": cannot read it: " + IoErrors.describe(e));
        }
    }
}
