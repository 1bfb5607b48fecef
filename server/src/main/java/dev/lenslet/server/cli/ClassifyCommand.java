package dev.lenslet.server.cli;

import dev.lenslet.core.Arithmetic;
import dev.lenslet.core.head.InvalidHeadException;
import dev.lenslet.core.image.Crop;
import dev.lenslet.server.image.ImageFiles;
import dev.lenslet.server.inference.ClassifierPerThread;
import dev.lenslet.server.inference.CropMode;
import dev.lenslet.server.inference.ImageTask;
import dev.lenslet.server.inference.Outcome;
import dev.lenslet.server.inference.OutcomePrinter;
import dev.lenslet.server.inference.ParallelClassifier;
import dev.lenslet.server.inference.ResultJson;
import dev.lenslet.server.inference.TopClasses;
import dev.lenslet.server.kernel.JvmKernels;
import dev.lenslet.server.model.ModelLoader;
import dev.lenslet.server.model.ModelSource;
import dev.lenslet.server.model.ModelUnavailableException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lenslet classify}: prints the most likely ImageNet classes (or a taught head's) of each image file, and
 * where the network looked.
 */
@Command(name = "classify", sortOptions = false,
        description = "Classify images with MobileNetV2 and print the most likely ImageNet classes of each.",
        footer = {"", "Exit status: 0 if every file was classified, 1 if any failed, "
                + "2 for a usage error or an unusable model."})
public final class ClassifyCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private ModelOptions modelOptions;

    @Option(names = "--top", paramLabel = "K", defaultValue = "5",
            description = "How many classes to show per image (default: ${DEFAULT-VALUE}).")
    private int top;

    @Option(names = "--crop", paramLabel = "MODE", defaultValue = "center", description = {
            "center: classify the central 87.5%% square, keeping the aspect ratio, as MobileNetV2 was evaluated"
                    + " (the more accurate);",
            "none: squash the whole image into the model's square input (as the reference outputs were made).",
            "Default: ${DEFAULT-VALUE}."})
    private CropMode crop;

    @Mixin
    private ImageLimitOptions imageLimits;

    @Option(names = "--json", description = "Print one JSON object per line instead of text.")
    private boolean json;

    @Mixin
    private HeadOptions head;

    @Option(names = "--saliency", description = {"Also show where the network looked for the top class: with --json a"
            + " \"saliency\" object (the map as rows of 0..1 values, the image region it covers, a description)."})
    private boolean saliency;

    @Option(names = "--saliency-png", paramLabel = "DIR", description = {"Write each image with that map drawn over"
            + " it to DIR/<file name>.png (DIR is created if needed)."})
    private Path saliencyPngDir;

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = {
            "Images (JPEG, PNG, BMP, GIF, or raw 224x224 RGB .rgb); directories are searched recursively."})
    private List<Path> inputs;

    private final ModelSource modelSource;
    private final boolean stderrIsTerminal;

    ClassifyCommand() {
        this(ModelSource.standard(), Stderr.isTerminal());
    }

    /**
     * With another source of the default model, so that tests can download from a local server, and a given
     * answer to whether the err writer is a terminal (the progress bars are drawn only then).
     */
    public ClassifyCommand(ModelSource modelSource, boolean stderrIsTerminal) {
        this.modelSource = modelSource;
        this.stderrIsTerminal = stderrIsTerminal;
    }

    @Override
    public Integer call() throws InterruptedException {
        if (top < 1) {
            throw new ParameterException(spec.commandLine(), "--top must be at least 1, not " + top);
        }
        long maxPixels = imageLimits.maxPixels(spec.commandLine());
        boolean explain = saliency || saliencyPngDir != null;
        if (explain && head.taught()) {
            throw new ParameterException(spec.commandLine(), "--saliency and --saliency-png map ImageNet's classes,"
                    + " not a taught head's; leave out --head, or the map options");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<ImageFiles.Entry> files = ImageBatch.find(inputs, err);
        if (files.isEmpty()) {
            return ExitCode.SOFTWARE;
        }
        SaliencyPngs pngs = saliencyPngDir == null ? null : SaliencyPngs.in(saliencyPngDir, files, spec.commandLine());
        PrintWriter progressOut = ImageBatch.progressOut(err, stderrIsTerminal);
        ClassifierPerThread classifiers;
        TopClasses classes;
        try {
            classifiers = ImageBatch.load(modelSource, modelOptions, err, progressOut);
            classes = head.classes(classifiers);
        } catch (ModelUnavailableException | InvalidHeadException e) {
            err.println("lenslet: error: " + e.getMessage());
            // Like a usage error, this stops before any image: the command as given cannot work at all.
            return ExitCode.USAGE;
        }
        Crop crop = this.crop.crop;
        ImageTask task;
        if (!explain) {
            task = (file, classifier, pixels) -> Outcome.Classified.run(file, classifier, pixels, crop, top, classes);
        } else if (pngs == null) {
            task = (file, classifier, pixels) -> Outcome.Explained.run(file, classifier, pixels, crop, top);
        } else {
            task = (file, classifier, pixels) -> pngs.written(Outcome.Explained.run(file, classifier, pixels, crop,
                    top), pixels);
        }
        OutcomePrinter printer = json ? new ResultJson(out) : new ResultText(out, err);
        int failures = ImageBatch.run(classifiers, task, maxPixels, files, printer, "classifying", progressOut);
        return failures == 0 ? ExitCode.OK : ExitCode.SOFTWARE;
    }
}
