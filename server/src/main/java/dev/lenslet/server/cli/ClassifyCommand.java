package dev.lenslet.server.cli;

import dev.lenslet.core.Arithmetic;
import dev.lenslet.server.image.ImageFiles;
import dev.lenslet.server.inference.ClassifierPerThread;
import dev.lenslet.server.inference.CropMode;
import dev.lenslet.server.inference.Outcome;
import dev.lenslet.server.inference.OutcomePrinter;
import dev.lenslet.server.inference.ParallelClassifier;
import dev.lenslet.server.inference.ResultJson;
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

/** {@code lenslet classify}: prints the most likely ImageNet classes of each image file. */
@Command(name = "classify", sortOptions = false,
        description = "Classify images with MobileNetV2 and print the most likely ImageNet classes of each.",
        footer = {"", "Exit status: 0 if every file was classified, 1 if any failed, "
                + "2 for a usage error or an unusable model."})
public final class ClassifyCommand implements Callable<Integer> {
    /**
     * From this many files on, a progress bar on stderr tells how far the batch has got, when stderr is a terminal:
     * redirected to a file, its carriage-return redraws would only fill the file.
     */
    private static final int PROGRESS_BAR_MIN_FILES = 4;

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
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<ImageFiles.Entry> files = ImageFiles.expand(inputs);
        if (files.isEmpty()) {
            err.println("lenslet: error: no images found in " + inputs + " (looked for files ending in "
                    + String.join(", ", ImageFiles.EXTENSIONS) + ")");
            return ExitCode.SOFTWARE;
        }
        PrintWriter progressOut = stderrIsTerminal ? err : new PrintWriter(Writer.nullWriter());
        ClassifierPerThread classifiers;
        try {
            classifiers = ModelLoader.load(modelSource.resolve(modelOptions.model, err, progressOut), modelOptions.labels,
                    modelOptions.arithmetic);
        } catch (ModelUnavailableException e) {
            err.println("lenslet: error: " + e.getMessage());
            // Like a usage error, this stops before any image: the command as given cannot work at all.
            return ExitCode.USAGE;
        }
        if (modelOptions.arithmetic == Arithmetic.FLOAT) {
            err.println(JvmKernels.description());
        }
        OutcomePrinter printer = json ? new ResultJson(out) : new ResultText(out, err);
        ProgressBar progress = ProgressBar.ofFiles(files.size() >= PROGRESS_BAR_MIN_FILES ? progressOut
                : new PrintWriter(Writer.nullWriter()), files.size());
        int failures = 0;
        try (ParallelClassifier batch = new ParallelClassifier(classifiers, crop.crop, top,
                maxPixels)) {
            List<Future<Outcome>> outcomes = batch.submitAll(files);
            for (int i = 0; i < outcomes.size(); i++) {
                Outcome outcome = ParallelClassifier.await(outcomes.get(i));
                if (outcome instanceof Outcome.Failed) {
                    failures++;
                }
                progress.clear();
                printer.print(outcome);
                progress.update(i + 1);
            }
        }
        progress.clear();
        return failures == 0 ? ExitCode.OK : ExitCode.SOFTWARE;
    }
}
