package dev.lenslet.server.inference;

import dev.lenslet.core.Classifier;
import dev.lenslet.core.Prediction;
import java.util.List;

/** Which classes an image is answered with, after its run: ImageNet's, or those of a head the user taught. */
@FunctionalInterface
public interface TopClasses {
    /** The network's own 1000 ImageNet classes. */
    TopClasses IMAGENET = Classifier::top;

    /**
     * The {@code k} most probable classes of the image {@code classifier} has just run, most probable first.
     * Called on the thread that owns {@code classifier}.
     */
    List<Prediction> of(Classifier classifier, int k);
}
