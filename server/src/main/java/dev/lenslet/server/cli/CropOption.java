package dev.lenslet.server.cli;

import dev.lenslet.server.inference.CropMode;
import picocli.CommandLine.Option;

/**
 * {@code --crop center|none} for {@code train} and {@code embed} (a picocli mixin). A head answers best on images
 * cropped as its examples were, so train and classify should be given the same choice.
 */
final class CropOption {
    @Option(names = "--crop", paramLabel = "MODE", defaultValue = "center", description = {
            "center: the central 87.5%% square, keeping the aspect ratio; none: the whole image squashed into the"
                    + " model's square input. Default: ${DEFAULT-VALUE}."})
    CropMode crop;
}
