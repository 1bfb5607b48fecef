package dev.lenslet.server;

import java.nio.file.Files;
import java.nio.file.Path;

/** The real models and photos in shared/, outside the project: from the build's lenslet.shared property. */
public final class SharedFiles {
    private static final Path ROOT = root();

    public static final Path MODEL = path("models/mobilenet_v2_1.0_224_quant.tflite");
    public static final Path LOGITS_MODEL = path("models/mobilenet_v2_1.0_224_quant_logits.tflite");
    /** Int8 weights with a scale per output channel: float arithmetic runs it, integer arithmetic refuses it. */
    public static final Path PER_CHANNEL_MODEL = path("models/tf2_mobilenet_v2_1.0_224_ptq.tflite");

    private SharedFiles() {
    }

    public static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    public static Path photo(String name) {
        return path("photos/" + name);
    }

    private static Path root() {
        String property = System.getProperty("lenslet.shared");
        if (property != null) {
            return Path.of(property);
        }
        // Run outside Maven: shared/ sits beside the project root, and the working directory is the root or this module.
        Path beside = Path.of("../shared");
        return Files.isDirectory(beside.resolve("models")) ? beside : Path.of("../../shared");
    }
}
