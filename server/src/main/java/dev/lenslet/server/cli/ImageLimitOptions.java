package dev.lenslet.server.cli;

import dev.lenslet.server.image.ImageDecoder;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code --max-megapixels}, for every command that decodes images (a picocli mixin). */
final class ImageLimitOptions {
    @Option(names = "--max-megapixels", paramLabel = "MP", defaultValue = "" + ImageDecoder.DEFAULT_MAX_MEGAPIXELS,
            description = "Refuse images that declare more pixels than this many million, before decoding them"
                    + " (default: ${DEFAULT-VALUE}).")
    int maxMegapixels;

    /** The limit in pixels; a usage error if it is not positive. */
    long maxPixels(CommandLine commandLine) {
        if (maxMegapixels < 1) {
            throw new ParameterException(commandLine, "--max-megapixels must be at least 1, not " + maxMegapixels);
        }
        return maxMegapixels * 1_000_000L;
    }
}
