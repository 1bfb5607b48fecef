package dev.lenslet.server;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --model} and {@code --labels}, for every command that loads a model (a picocli mixin). */
final class ModelOptions {
    @Option(names = "--model", paramLabel = "FILE", description = {
            "MobileNet .tflite model. Default: " + ModelSource.LOCAL_COPY_DESCRIPTION + " if it exists, else the "
                    + "pinned upstream file, downloaded once into " + ModelSource.CACHE_DIR_DESCRIPTION + "."})
    Path model;

    @Option(names = "--labels", paramLabel = "FILE", description = {
            "Label file, one line per model output. Default: the one embedded in the model, "
                    + "else imagenet_labels.txt beside the model."})
    Path labels;
}
