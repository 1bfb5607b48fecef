package dev.lenslet.server.cli;

import dev.lenslet.core.Arithmetic;
import dev.lenslet.server.image.ImageFiles;
import dev.lenslet.server.inference.ClassifierPerThread;
import dev.lenslet.server.inference.ImageTask;
import dev.lenslet.server.inference.Outcome;
import dev.lenslet.server.inference.OutcomePrinter;
import dev.lenslet.server.inference.ParallelClassifier;
import dev.lenslet.server.kernel.JvmKernels;
import dev.lenslet.server.model.ModelLoader;
import dev.lenslet.server.model.ModelSource;
import dev.lenslet.server.model.ModelUnavailableException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** What the commands that run the network over image files share: finding the files, the model, the batch. */
final class ImageBatch {
    /**
     * From this many files on, a progress bar on stderr tells how far the batch has got, when stderr is a terminal:
     * redirected to a file, its carriage-return redraws would only fill the file.
     */
    private static final int PROGRESS_BAR_MIN_FILES = 4;

    private ImageBatch() {
    }

    /** The image files named or found under the directories named; empty (with the error printed) if none. */
    static List<ImageFiles.Entry> find(List<Path> inputs, PrintWriter err) {
        List<ImageFiles.Entry> files = ImageFiles.expand(inputs);
        if (files.isEmpty()) {
            err.println("lenslet: error: no images found in " + inputs + " (looked for files ending in "
                    + String.join(", ", ImageFiles.EXTENSIONS) + ")");
        }
        return files;
    }

    /** Loads the model, saying which float kernels run it. */
    static ClassifierPerThread load(ModelSource source, ModelOptions options, PrintWriter err, PrintWriter progressOut)
            throws ModelUnavailableException {
        ClassifierPerThread classifiers = ModelLoader.load(source.resolve(options.model, err, progressOut),
                options.labels, options.arithmetic);
        if (options.arithmetic == Arithmetic.FLOAT) {
            err.println(JvmKernels.description());
        }
        return classifiers;
    }

    /** Where progress bars go: stderr on a terminal, nowhere otherwise. */
    static PrintWriter progressOut(PrintWriter err, boolean stderrIsTerminal) {
        return stderrIsTerminal ? err : new PrintWriter(Writer.nullWriter());
    }

    /**
     * Runs {@code task} over every file on all cores, handing each outcome to {@code printer} in input order, with
     * a progress bar labelled {@code doing} for more than a few files.
     *
     * @return how many files failed
     */
    static int run(ClassifierPerThread classifiers, ImageTask task, long maxPixels, List<ImageFiles.Entry> files,
                   OutcomePrinter printer, String doing, PrintWriter progressOut) throws InterruptedException {
        ProgressBar progress = ProgressBar.ofFiles(files.size() >= PROGRESS_BAR_MIN_FILES ? progressOut
                : new PrintWriter(Writer.nullWriter()), doing, files.size());
        int failures = 0;
        try (ParallelClassifier batch = new ParallelClassifier(classifiers, task, maxPixels)) {
            List<Future<Outcome>> outcomes = batch.submitAll(files);
            for (int i = 0; i < outcomes.size(); i++) {
                Outcome outcome = await(outcomes.get(i));
                if (outcome instanceof Outcome.Failed) {
                    failures++;
                }
                progress.clear();
                printer.print(outcome);
                progress.update(i + 1);
            }
        }
        progress.clear();
        return failures;
    }

    private static Outcome await(Future<Outcome> outcome) throws InterruptedException {
        try {
            return outcome.get();
        } catch (ExecutionException e) {
            // Tasks turn every exception into a Failed outcome; only an Error can get here.
            throw new IllegalStateException(e.getCause());
        }
    }
}
