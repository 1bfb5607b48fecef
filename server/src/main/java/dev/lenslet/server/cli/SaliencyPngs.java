package dev.lenslet.server.cli;

import dev.lenslet.core.image.Pixels;
import dev.lenslet.server.IoErrors;
import dev.lenslet.server.image.ImageFiles;
import dev.lenslet.server.image.SaliencyOverlay;
import dev.lenslet.server.inference.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * {@code classify --saliency-png DIR}: each image with its map drawn over it, as DIR/&lt;file name&gt;.png. Inputs
 * of the same name from different folders get DIR/&lt;file name&gt;-2.png and so on, in input order, so that none
 * overwrites another.
 */
final class SaliencyPngs {
    private final Map<String, Path> pngs = new HashMap<>();

    private SaliencyPngs(Path dir, List<ImageFiles.Entry> files) {
        Set<String> taken = new HashSet<>();
        for (ImageFiles.Entry file : files) {
            String name = file.path().getFileName().toString();
            String png = name + ".png";
            for (int n = 2; !taken.add(png); n++) {
                png = name + "-" + n + ".png";
            }
            pngs.put(file.path().toString(), dir.resolve(png));
        }
    }

    /**
     * Creates {@code dir} if needed and names a PNG in it for each file; a usage error, before any image is read,
     * if the directory cannot hold them.
     */
    static SaliencyPngs in(Path dir, List<ImageFiles.Entry> files, CommandLine commandLine) {
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
        return new SaliencyPngs(dir, files);
    }

    /** Writes the overlay of {@code explained} and hands the outcome on; a failed write fails this file only. */
    Outcome written(Outcome.Explained explained, Pixels pixels) {
        Path png = pngs.get(explained.file());
        try {
            SaliencyOverlay.writePng(pixels, explained.saliency(), png);
            return explained;
        } catch (IOException e) {
            return new Outcome.Failed(explained.file(), "classified, but its map cannot be written to " + png + ": "
                    + IoErrors.describe(e));
        }
    }
}
