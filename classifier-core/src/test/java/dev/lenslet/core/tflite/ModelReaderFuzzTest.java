package dev.lenslet.core.tflite;

import dev.lenslet.core.Classifier;
import dev.lenslet.core.InvalidModelException;
import dev.lenslet.core.image.Crop;
import dev.lenslet.core.image.Pixels;
import dev.lenslet.core.kernel.KernelSet;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer harness: any bytes given to the model reader end in a Classifier that runs, or in an
 * InvalidModelException. Any other exception, a hang or an OutOfMemoryError is a finding. Seeded with a tiny
 * synthetic MobileNet (made by {@link TfliteTestModelWriter}), so that mutations reach past the file header.
 */
class ModelReaderFuzzTest {
    /** Models with a larger input are loaded but not run, so that each input stays fast to try. */
    private static final int MAX_RUN_PIXELS = 64 * 64;
    /** The seed's five outputs; files with other output counts are still read and built before being refused. */
    private static final String LABELS = "background\na\nb\nc\nd";

    @FuzzTest(maxDuration = "2m")
    void modelReaderAcceptsOrRefusesAnyBytes(byte[] file) {
        Classifier classifier;
        try {
            classifier = Classifier.load(file, LABELS, KernelSet.VECTORIZABLE);
        } catch (InvalidModelException expected) {
            return; // the declared outcome for a file that is not a usable model
        }
        if (classifier.inputWidth() * classifier.inputHeight() <= MAX_RUN_PIXELS) {
            classifier.run(new Pixels(new byte[2 * 3 * 3], 3, 2, 3), Crop.SQUASH); // [2][3][RGB], all black
        }
    }
}
