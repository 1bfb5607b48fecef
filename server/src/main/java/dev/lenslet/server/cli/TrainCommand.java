package dev.lenslet.server.cli;

import dev.lenslet.core.head.Head;
import dev.lenslet.core.head.HeadFile;
import dev.lenslet.core.head.HeadTrainer;
import dev.lenslet.core.head.InvalidHeadException;
import dev.lenslet.core.head.TrainingSet;
import dev.lenslet.core.image.Crop;
import dev.lenslet.server.IoErrors;
import dev.lenslet.server.image.ImageFiles;
import dev.lenslet.server.inference.ClassifierPerThread;
import dev.lenslet.server.inference.Outcome;
import dev.lenslet.server.model.ModelSource;
import dev.lenslet.server.model.ModelUnavailableException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lenslet train}: teaches a head the classes of a folder with one subfolder of example images per class.
 * Every {@value #HOLD_OUT_EVERY}th image of each class (in sorted order) is held out to measure the accuracy of a
 * head trained on the rest; the head written is then trained on every example, since with a handful per class
 * each one counts.
 */
@Command(name = "train", sortOptions = false,
        description = {"Teach a head your own classes: DIR holds one subfolder per class, named after the class, with"
                + " example images (2 at least, 10 to 20 make a good head). Use the head with 'classify --head' or"
                + " 'serve --head'."},
        footer = {"", "Exit status: 0 if the head was written from every image, 1 if it was written but some images"
                + " could not be read (they are listed), 2 for a usage error, an unusable model or too few"
                + " classes or examples."})
final class TrainCommand implements Callable<Integer> {
    /** One image in this many, per class in sorted order, is held out: a fifth, the same on every run. */
    static final int HOLD_OUT_EVERY = 5;

    @Spec
    private CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "HEAD_FILE", description = "Where to write the head.")
    private Path out;

    @Mixin
    private ModelOptions modelOptions;

    @Mixin
    private ImageLimitOptions imageLimits;

    @Mixin
    private CropOption crop;

    @Parameters(index = "0", paramLabel = "DIR", description = "A folder with one subfolder of images per class.")
    private Path dir;

    /** One image file and what it is for. */
    private record Example(int classIndex, boolean heldOut) {
    }

    @Override
    public Integer call() throws InterruptedException {
        long maxPixels = imageLimits.maxPixels(spec.commandLine());
        List<Path> classDirs = classDirs();
        Path outDir = out.toAbsolutePath().getParent();
        if (outDir != null && !Files.isDirectory(outDir)) {
            throw new ParameterException(spec.commandLine(), "--out " + out + ": the folder " + outDir
                    + " does not exist; create it or write the head elsewhere");
        }
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter progressOut = ImageBatch.progressOut(err, Stderr.isTerminal());
        try {
            ClassifierPerThread classifiers = ImageBatch.load(ModelSource.standard(), modelOptions, err, progressOut);
            TrainingSet all = new TrainingSet(classifiers.modelSha256(), classifiers.embeddingLength());
            TrainingSet fourFifths = new TrainingSet(classifiers.modelSha256(), classifiers.embeddingLength());
            List<ImageFiles.Entry> files = new ArrayList<>();
            List<Example> examples = new ArrayList<>();
            for (Path classDir : classDirs) {
                int c = all.addClass(classDir.getFileName().toString());
                fourFifths.addClass(all.className(c));
                List<ImageFiles.Entry> found = ImageFiles.expand(List.of(classDir));
                for (int i = 0; i < found.size(); i++) {
                    files.add(found.get(i));
                    examples.add(new Example(c, i % HOLD_OUT_EVERY == HOLD_OUT_EVERY - 1));
                }
            }
            if (files.size() > TrainingSet.MAX_EXAMPLES) {
                // Refused before hours of embedding, not at the first example over the limit.
                throw new InvalidHeadException(dir + " holds " + files.size() + " images but a head learns from at"
                        + " most " + TrainingSet.MAX_EXAMPLES + "; keep a few dozen per class");
            }
            List<float[]> heldOut = new ArrayList<>();
            List<Integer> heldOutClasses = new ArrayList<>();
            Crop networkInput = crop.crop.crop;
            int[] done = {0};
            int failures = ImageBatch.run(classifiers, (file, classifier, pixels) -> Outcome.Embedded.run(file,
                    classifier, pixels, networkInput), maxPixels, files, outcome -> {
                Example example = examples.get(done[0]++);
                if (outcome instanceof Outcome.Embedded embedded) {
                    all.add(example.classIndex(), embedded.embedding());
                    if (example.heldOut()) {
                        heldOut.add(embedded.embedding());
                        heldOutClasses.add(example.classIndex());
                    } else {
                        fourFifths.add(example.classIndex(), embedded.embedding());
                    }
                } else if (outcome instanceof Outcome.Failed failed) {
                    err.println(failed.file() + ": error: " + failed.error() + " (left out of the training)");
                    err.flush();
                }
            }, "embedding", progressOut);
            for (int c = 0; c < all.classCount(); c++) {
                stdout.println(all.className(c) + ": " + all.exampleCount(c) + " images");
            }
            if (heldOut.isEmpty()) {
                stdout.println("No class has " + HOLD_OUT_EVERY + " images, so none is held out to measure the"
                        + " accuracy.");
            } else {
                stdout.println("Training on " + fourFifths.exampleCount() + " images, holding out "
                        + heldOut.size() + " (every " + HOLD_OUT_EVERY + "th of each class):");
                Head head = train(fourFifths, stdout);
                int right = 0;
                for (int i = 0; i < heldOut.size(); i++) {
                    right += head.classify(heldOut.get(i), 1).get(0).index() == heldOutClasses.get(i) ? 1 : 0;
                }
                stdout.println(String.format(Locale.ROOT, "Held-out accuracy: %d of %d (%.1f%%)", right,
                        heldOut.size(), 100.0 * right / heldOut.size()));
            }
            stdout.println("Training the head on all " + all.exampleCount() + " images:");
            Head head = train(all, stdout);
            Files.write(out, HeadFile.write(head));
            stdout.println("Wrote " + out + ": " + head.classCount() + " classes.");
            return failures == 0 ? ExitCode.OK : ExitCode.SOFTWARE;
        } catch (ModelUnavailableException | InvalidHeadException e) {
            err.println("lenslet: error: " + e.getMessage());
            return ExitCode.USAGE;
        } catch (IOException e) {
            err.println("lenslet: error: cannot write the head to " + out + ": " + IoErrors.describe(e));
            return ExitCode.SOFTWARE;
        }
    }

    /** The class folders of DIR, sorted by name, hidden ones skipped. */
    private List<Path> classDirs() {
        if (!Files.isDirectory(dir)) {
            throw new ParameterException(spec.commandLine(), dir + " is not a folder; give a folder with one"
                    + " subfolder of images per class");
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isDirectory).filter(d -> !d.getFileName().toString().startsWith("."))
                    .sorted().toList();
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), dir + ": cannot list it: " + IoErrors.describe(e));
        }
    }

    /** Trains to convergence, printing the loss and training accuracy of every epoch. */
    private static Head train(TrainingSet set, PrintWriter stdout) {
        long start = System.nanoTime();
        HeadTrainer trainer = new HeadTrainer(set);
        while (trainer.step()) {
            stdout.println(String.format(Locale.ROOT, "  epoch %3d  loss %.4f  training accuracy %5.1f%%",
                    trainer.epoch(), trainer.loss(), 100 * trainer.accuracy()));
        }
        stdout.println(String.format(Locale.ROOT, "  trained in %.0f ms", (System.nanoTime() - start) / 1e6));
        stdout.flush();
        return trainer.head();
    }
}
