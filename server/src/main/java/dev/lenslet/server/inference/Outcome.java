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
            return run(file, classifier, pixels, crop, top, TopClasses.IMAGENET);
        }

        /** Runs the network on {@code pixels} and ranks {@code classes}, timing both (not the decoding). */
        public static Classified run(String file, Classifier classifier, Pixels pixels, Crop crop, int top,
                                     TopClasses classes) {
            long start = System.nanoTime();
            classifier.run(pixels, crop);
            List<Prediction> predictions = classes.of(classifier, top);
            long millis = Math.round((System.nanoTime() - start) / 1e6);
            return new Classified(file, pixels.width, pixels.height, predictions, millis);
        }
    }

    /** A classified image with the map of where the network looked for its top ImageNet class. */
    record Explained(Classified classified, Saliency saliency) implements Outcome {
        /** Classifies {@code pixels} among ImageNet's classes and maps where it saw the top one. */
        public static Explained run(String file, Classifier classifier, Pixels pixels, Crop crop, int top) {
            Classified classified = Classified.run(file, classifier, pixels, crop, top);
            return new Explained(classified, Saliency.of(classifier, classified.top().get(0).index()));
        }

        @Override
        public String file() {
            return classified.file();
        }
    }

    /** @param embedding the image's pooled features (a copy: 1280 values for MobileNetV2 1.0) */
    record Embedded(String file, int width, int height, float[] embedding) implements Outcome {
        /** Runs the network on {@code pixels} for its embedding alone. */
        public static Embedded run(String file, Classifier classifier, Pixels pixels, Crop crop) {
            classifier.run(pixels, crop);
            return new Embedded(file, pixels.width, pixels.height, classifier.embedding().clone());
        }
    }

    /** @param error what is wrong and what to do about it */
    record Failed(String file, String error) implements Outcome {
    }
}
