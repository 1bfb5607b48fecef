package dev.lenslet.server;

import dev.lenslet.core.Prediction;
import java.util.List;

/** What became of one input file: its classes, or why it could not be classified. */
sealed interface Outcome {
    /** The file as the user named it, or as found under a directory they named. */
    String file();

    record Classified(String file, int width, int height, List<Prediction> top, long millis) implements Outcome {
    }

    /** @param error what is wrong and what to do about it */
    record Failed(String file, String error) implements Outcome {
    }
}
