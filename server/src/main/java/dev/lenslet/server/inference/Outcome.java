package dev.lenslet.server.inference;

import dev.lenslet.core.Classifier;
import dev.lenslet.core.image.Crop;
import dev.lenslet.core.image.Pixels;
import dev.lenslet.core.Prediction;
import java.util.List;

/** What became of one input file: its classes, or why it could not be classified. */
public sealed interface Outcome {
    /** The file as the user named it, or as found under a directory they named. */
    String file();

    record Classified(String file, int width, int height, List<Prediction> top, long millis) implements Outcome {
        /** Classifies {@code pixels} and times the inference alone (not the decoding). */
        public static Classified run(String file, Classifier classifier, Pixels pixels, Crop crop, int top) {
            long start = System.nanoTime();
            List<Prediction> predictions = classifier.classify(pixels, crop, top);
            long millis = Math.round((System.nanoTime() - start) / 1e6);
            return new Classified(file, pixels.width, pixels.height, predictions, millis);
        }
    }

    /** @param error what is wrong and what to do about it */
    record Failed(String file, String error) implements Outcome {
    }
}
