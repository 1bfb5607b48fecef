package dev.lenslet.server.inference;

import dev.lenslet.core.image.Crop;
import dev.lenslet.server.image.DecodeLimits;
import dev.lenslet.server.image.DecodedImage;
import dev.lenslet.server.image.ImageDecoder;
import dev.lenslet.server.image.ImageFiles;
import dev.lenslet.server.image.UnreadableImageException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Decodes files and runs the network on them on all cores, handing the outcomes back in input order. */
public final class ParallelClassifier implements AutoCloseable {
    private final ClassifierPerThread classifiers;
    private final ImageTask task;
    private final DecodeLimits limits;
    private final ExecutorService workers;

    /** Classifies each file among ImageNet's classes. */
    public ParallelClassifier(ClassifierPerThread classifiers, Crop crop, int top, long maxPixels) {
        this(classifiers, (file, classifier, pixels) -> Outcome.Classified.run(file, classifier, pixels, crop, top),
                maxPixels);
    }

    /** Does {@code task} with each decoded file: classify it, explain it, embed it. */
    public ParallelClassifier(ClassifierPerThread classifiers, ImageTask task, long maxPixels) {
        this.classifiers = classifiers;
        this.task = task;
        this.limits = DecodeLimits.of(maxPixels);
        this.workers = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), work -> {
            Thread thread = new Thread(work, "lenslet-classify");
            thread.setDaemon(true); // never keeps the JVM alive if the command ends early
            return thread;
        });
    }

    /** Starts every file; the futures are in the same order as {@code files} and never fail. */
    public List<Future<Outcome>> submitAll(List<ImageFiles.Entry> files) {
        List<Future<Outcome>> outcomes = new ArrayList<>(files.size());
        for (ImageFiles.Entry file : files) {
            outcomes.add(workers.submit(() -> classify(file)));
        }
        return outcomes;
    }

    /** Waits for one of {@link #submitAll}'s outcomes. */
    public static Outcome await(Future<Outcome> outcome) throws InterruptedException {
        try {
            return outcome.get();
        } catch (ExecutionException e) {
            // Tasks turn every exception into a Failed outcome; only an Error can get here.
            throw new IllegalStateException(e.getCause());
        }
    }

    private Outcome classify(ImageFiles.Entry file) {
        String name = file.path().toString();
        if (file.problem() != null) {
            return new Outcome.Failed(name, file.problem());
        }
        try (DecodedImage image = ImageDecoder.decode(file.path(), limits)) {
            return task.run(name, classifiers.get(), image.pixels());
        } catch (UnreadableImageException e) {
            return new Outcome.Failed(name, e.getMessage());
        } catch (OutOfMemoryError e) {
            return new Outcome.Failed(name, "the image is too large for the memory Java has; shrink it, or give"
                    + " Java more memory (java -Xmx4g -jar ...)");
        } catch (RuntimeException e) {
            return new Outcome.Failed(name, "cannot classify it: " + e + " (a bug in Lenslet; please report it)");
        }
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
