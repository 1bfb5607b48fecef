package dev.lenslet.server.cli;

import dev.lenslet.core.Arithmetic;
import dev.lenslet.core.Labels;
import dev.lenslet.core.tflite.TfliteModelReader;
import dev.lenslet.server.kernel.JvmKernels;
import dev.lenslet.server.eval.ClassNames;
import dev.lenslet.server.eval.EvalReport;
import dev.lenslet.server.eval.EvalTally;
import dev.lenslet.server.image.ImageFiles;
import dev.lenslet.server.inference.ClassifierPerThread;
import dev.lenslet.server.inference.CropMode;
import dev.lenslet.server.inference.Outcome;
import dev.lenslet.server.inference.ParallelClassifier;
import dev.lenslet.server.model.ModelLoader;
import dev.lenslet.server.model.ModelSource;
import dev.lenslet.server.model.ModelUnavailableException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

/** {@code lenslet eval}: the accuracy of the model on a folder of photos whose names say their class. */
@Command(name = "eval", sortOptions = false,
        description = {"Measure top-1 and top-5 accuracy on a folder of labelled photos (searched recursively).",
                "A photo's class comes from its file name, else its folder names: an ImageNet WordNet id "
                        + "(n01440764, n01440764_123.jpg, ..._n01440764.JPEG) or a label name (\"Egyptian cat\", "
                        + "hot_dog; any name on the label line, case-insensitive). Files with no such name are "
                        + "listed, not counted."},
        footer = {"", "Exit status: 0 if every labelled file was classified, 1 if any failed or none had a label, "
                + "2 for a usage error or an unusable model."})
public final class EvalCommand implements Callable<Integer> {
    private static final int TOP_5 = 5;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ModelOptions modelOptions;

    @Option(names = "--crop", paramLabel = "MODE", defaultValue = "center", description = {
            "center: the central 87.5%% square, as MobileNetV2 was evaluated; none: the whole image squashed.",
            "Default: ${DEFAULT-VALUE}."})
    private CropMode crop;

    @Option(names = "--compare", paramLabel = "float|integer", converter = ModelOptions.LowerCaseArithmetic.class,
            description = "Also classify every photo in this arithmetic and report how often both give the same"
                    + " top-1 class.")
    private Arithmetic compare;

    @Mixin
    private ImageLimitOptions imageLimits;

    @Option(names = "--json", description = "Print the report as one JSON object.")
    private boolean json;

    @Parameters(paramLabel = "DIR", description = "The folder of labelled photos.")
    private Path folder;

    private final ModelSource modelSource;
    private final boolean stderrIsTerminal;

    EvalCommand() {
        this(ModelSource.standard(), Stderr.isTerminal());
    }

    /** With another source of the default model and a given answer to whether stderr is a terminal. */
    public EvalCommand(ModelSource modelSource, boolean stderrIsTerminal) {
        this.modelSource = modelSource;
        this.stderrIsTerminal = stderrIsTerminal;
    }

    /** The classifiers of one arithmetic and the label lines they report from. */
    private record Loaded(ClassifierPerThread classifiers, Labels labels) {
    }

    @Override
    public Integer call() throws InterruptedException {
        if (!Files.isDirectory(folder)) {
            throw new ParameterException(spec.commandLine(), folder + " is not a folder: eval takes a folder of"
                    + " labelled photos");
        }
        long maxPixels = imageLimits.maxPixels(spec.commandLine());
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter progressOut = stderrIsTerminal ? err : new PrintWriter(Writer.nullWriter());
        Path modelFile;
        Loaded main;
        Loaded other = null;
        try {
            modelFile = modelSource.resolve(modelOptions.model, err, progressOut);
            main = load(modelFile, modelOptions.arithmetic);
            if (compare != null) {
                other = load(modelFile, compare);
            }
        } catch (ModelUnavailableException e) {
            err.println("lenslet: error: " + e.getMessage());
            return ExitCode.USAGE;
        }
        if (modelOptions.arithmetic == Arithmetic.FLOAT || compare == Arithmetic.FLOAT) {
            err.println(JvmKernels.description());
        }
        ClassNames classes = new ClassNames(main.labels);
        List<ImageFiles.Entry> labelled = new ArrayList<>();
        List<Integer> expected = new ArrayList<>();
        List<String> unlabelled = new ArrayList<>();
        List<ImageFiles.Entry> files = ImageFiles.expand(List.of(folder));
        for (ImageFiles.Entry file : files) {
            int index = classes.classOf(folder.relativize(file.path()));
            if (index < 0) {
                unlabelled.add(file.path().toString());
            } else {
                labelled.add(file);
                expected.add(index);
            }
        }
        EvalTally tally = new EvalTally();
        int failed = classifyAll(labelled, expected, main, other, maxPixels, tally, err, progressOut);
        EvalReport report = new EvalReport(new EvalReport.Settings(folder.toString(), modelFile.toString(),
                crop.name(), name(modelOptions.arithmetic)), files.size(), unlabelled, failed, tally, classes,
                compare == null ? null : name(compare));
        if (json) {
            out.println(report.toJson());
            out.flush();
        } else {
            report.printText(out);
        }
        if (labelled.isEmpty()) {
            err.println("lenslet: error: no photo in " + folder + " has a label in its file or folder name");
        }
        return failed == 0 && !labelled.isEmpty() ? ExitCode.OK : ExitCode.SOFTWARE;
    }

    /** Classifies every labelled file into the tally; returns how many failed, each reported on stderr. */
    private int classifyAll(List<ImageFiles.Entry> labelled, List<Integer> expected, Loaded main, Loaded other,
                            long maxPixels, EvalTally tally, PrintWriter err, PrintWriter progressOut)
            throws InterruptedException {
        ResultText errors = new ResultText(new PrintWriter(Writer.nullWriter()), err);
        ProgressBar progress = ProgressBar.ofFiles(progressOut, "evaluating", labelled.size());
        int failed = 0;
        try (ParallelClassifier batch = new ParallelClassifier(main.classifiers, crop.crop, TOP_5, maxPixels);
             ParallelClassifier second = other == null ? null
                     : new ParallelClassifier(other.classifiers, crop.crop, 1, maxPixels)) {
            List<Future<Outcome>> outcomes = batch.submitAll(labelled);
            List<Future<Outcome>> compared = second == null ? null : second.submitAll(labelled);
            for (int i = 0; i < outcomes.size(); i++) {
                Outcome outcome = ParallelClassifier.await(outcomes.get(i));
                progress.clear();
                if (outcome instanceof Outcome.Classified classified) {
                    tally.add(expected.get(i), classified.top());
                    if (compared != null && ParallelClassifier.await(compared.get(i)) instanceof Outcome.Classified again) {
                        tally.addComparison(again.top().get(0).index() == classified.top().get(0).index());
                    }
                } else {
                    failed++;
                    errors.print(outcome);
                }
                progress.update(i + 1);
            }
        }
        progress.clear();
        return failed;
    }

    private Loaded load(Path modelFile, Arithmetic arithmetic) throws ModelUnavailableException {
        return ModelLoader.load(modelFile, modelOptions.labels, (model, labelText) -> new Loaded(
                new ClassifierPerThread(model, labelText, arithmetic),
                Labels.parse(labelText != null ? labelText : TfliteModelReader.read(model).embeddedLabels)));
    }

    private static String name(Arithmetic arithmetic) {
        return arithmetic.name().toLowerCase(Locale.ROOT);
    }
}
