package dev.lenslet.server.inference;

import dev.lenslet.core.Classifier;
import dev.lenslet.core.image.Pixels;

/** What is done with each decoded image, on a worker thread with that thread's own Classifier. */
@FunctionalInterface
public interface ImageTask {
    /**
     * @param file the file as the user named it
     * @throws RuntimeException only for a bug; the image's own problems are a {@link Outcome.Failed}
     */
    Outcome run(String file, Classifier classifier, Pixels pixels);
}
