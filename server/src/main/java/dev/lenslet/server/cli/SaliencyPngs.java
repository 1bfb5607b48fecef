package dev.lenslet.server.cli;

import dev.lenslet.core.image.Pixels;
import dev.lenslet.server.IoErrors;
import dev.lenslet.server.image.SaliencyOverlay;
import dev.lenslet.server.inference.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** {@code classify --saliency-png DIR}: each image with its map drawn over it, as DIR/&lt;file name&gt;.png. */
final class SaliencyPngs {
    private SaliencyPngs() {
    }

    /** Creates {@code dir} if needed; a usage error, before any image is read, if it cannot hold the files. */
    static void prepare(Path dir, CommandLine commandLine) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new ParameterException(commandLine, "--saliency-png " + dir + ": cannot create that directory: "
                    + IoErrors.describe(e) + "; give a directory you can write to");
        }
        if (!Files.isWritable(dir)) {
            throw new ParameterException(commandLine, "--saliency-png " + dir + ": the directory is not writable;"
                    + " give a directory you can write to");
        }
    }

    /**
     * Writes the overlay of {@code explained} into {@code dir} (unless null) and hands the outcome on; a failed
     * write fails this file only.
     */
    static Outcome written(Path dir, Outcome.Explained explained, Pixels pixels) {
        if (dir == null) {
            return explained;
        }
        Path png = dir.resolve(Path.of(explained.file()).getFileName() + ".png");
        try {
            SaliencyOverlay.writePng(pixels, explained.saliency(), png);
            return explained;
        } catch (IOException e) {
            return new Outcome.Failed(explained.file(), "classified, but its map cannot be written to " + png + ": "
                    + IoErrors.describe(e));
        }
    }
}
