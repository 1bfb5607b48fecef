package dev.lenslet.server.cli;

import dev.lenslet.core.Arithmetic;
import dev.lenslet.server.model.ModelSource;
import java.nio.file.Path;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code --model}, {@code --labels} and {@code --arithmetic}: for every command that loads a model (picocli mixin). */
final class ModelOptions {
    @Option(names = "--model", paramLabel = "FILE", description = {
            "MobileNet .tflite model. Default: " + ModelSource.LOCAL_COPY_DESCRIPTION + " if it exists, else the "
                    + "pinned upstream file, downloaded once into " + ModelSource.CACHE_DIR_DESCRIPTION + "."})
    Path model;

    @Option(names = "--labels", paramLabel = "FILE", description = {
            "Label file, one line per model output. Default: the one embedded in the model, "
                    + "else imagenet_labels.txt beside the model."})
    Path labels;

    @Option(names = "--arithmetic", paramLabel = "float|integer", defaultValue = "float",
            converter = LowerCaseArithmetic.class, description = {
            "float: weights dequantized once, activations in float32; runs every supported model.",
            "integer: TFLite's exact uint8 arithmetic, same scores as TFLite; only for uint8 models with one scale"
                    + " per tensor, such as the default model; slower than float on the JVM.",
            "Default: ${DEFAULT-VALUE}."})
    Arithmetic arithmetic;

    /** The option's values are {@link Arithmetic#named}'s: "float" and "integer". */
    static final class LowerCaseArithmetic implements ITypeConverter<Arithmetic> {
        @Override
        public Arithmetic convert(String value) {
            try {
                return Arithmetic.named(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
