package dev.lenslet.server.cli;

import dev.lenslet.core.image.Crop;
import dev.lenslet.server.image.ImageFiles;
import dev.lenslet.server.inference.ClassifierPerThread;
import dev.lenslet.server.inference.Outcome;
import dev.lenslet.server.inference.OutcomePrinter;
import dev.lenslet.server.inference.ResultJson;
import dev.lenslet.server.model.ModelSource;
import dev.lenslet.server.model.ModelUnavailableException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lenslet embed}: prints each image's embedding, the pooled features that say which photos are alike. */
@Command(name = "embed", sortOptions = false,
        description = {"Print each image's embedding: the network's pooled features (1280 values for MobileNetV2),"
                + " whose cosine similarity tells how alike two photos are."},
        footer = {"", "Text output: one line per image, its file, a tab, then the values separated by spaces.",
                "Exit status: 0 if every file was embedded, 1 if any failed, 2 for a usage error or an unusable"
                        + " model."})
final class EmbedCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private ModelOptions modelOptions;

    @Mixin
    private CropOption crop;

    @Mixin
    private ImageLimitOptions imageLimits;

    @Option(names = "--json", description = "Print one JSON object per line: file, width, height, embedding.")
    private boolean json;

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = {
            "Images (JPEG, PNG, BMP, GIF, or raw 224x224 RGB .rgb); directories are searched recursively."})
    private List<Path> inputs;

    @Override
    public Integer call() throws InterruptedException {
        long maxPixels = imageLimits.maxPixels(spec.commandLine());
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<ImageFiles.Entry> files = ImageBatch.find(inputs, err);
        if (files.isEmpty()) {
            return ExitCode.SOFTWARE;
        }
        PrintWriter progressOut = ImageBatch.progressOut(err, Stderr.isTerminal());
        ClassifierPerThread classifiers;
        try {
            classifiers = ImageBatch.load(ModelSource.standard(), modelOptions, err, progressOut);
        } catch (ModelUnavailableException e) {
            err.println("lenslet: error: " + e.getMessage());
            return ExitCode.USAGE;
        }
        Crop networkInput = crop.crop.crop;
        OutcomePrinter printer = json ? new ResultJson(out) : outcome -> printText(outcome, out, err);
        int failures = ImageBatch.run(classifiers, (file, classifier, pixels) -> Outcome.Embedded.run(file,
                classifier, pixels, networkInput), maxPixels, files, printer, "embedding", progressOut);
        return failures == 0 ? ExitCode.OK : ExitCode.SOFTWARE;
    }

    private static void printText(Outcome outcome, PrintWriter out, PrintWriter err) {
        if (outcome instanceof Outcome.Embedded embedded) {
            StringBuilder line = new StringBuilder(embedded.file()).append('\t');
            for (int i = 0; i < embedded.embedding().length; i++) {
                line.append(i == 0 ? "" : " ").append(embedded.embedding()[i]);
            }
            out.println(line);
            out.flush();
        } else if (outcome instanceof Outcome.Failed failed) {
            err.println(failed.file() + ": error: " + failed.error());
            err.flush();
        }
    }
}
