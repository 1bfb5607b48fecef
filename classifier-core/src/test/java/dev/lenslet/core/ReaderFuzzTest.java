package dev.lenslet.core;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzz harnesses (Jazzer): any bytes given to the model reader end in a model or an InvalidModelException, and
 * any image size, crop and pixel values given to the preprocessing fill the model input with finite values.
 * Any other exception, a hang or an OutOfMemoryError is a finding.
 */
class ReaderFuzzTest {
    private static final float[] INPUT = new float[224 * 224 * 3]; // [224][224][3]

    @FuzzTest(maxDuration = "2m")
    void modelReaderAcceptsOrRefusesAnyBytes(byte[] file) {
        try {
            Classifier.load(file);
        } catch (InvalidModelException expected) {
            // The declared outcome for a file that is not a usable model.
        }
    }

    @FuzzTest(maxDuration = "1m")
    void preprocessingHandlesAnyImageAndCrop(byte[] seed) {
        if (seed.length < 3) {
            return;
        }
        int width = 1 + (seed[0] & 0x3F);
        int height = 1 + (seed[1] & 0x3F);
        byte[] rgb = new byte[width * height * 3]; // [height][width][3]
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = seed[(i + 3) % seed.length];
        }
        Crop crop = (seed[2] & 1) == 0 ? Crop.SQUASH : Crop.CENTER;
        new Preprocessor(224, 224, 1 / 127.5f, -1).run(new Pixels(rgb, width, height, 3), crop, INPUT);
        for (float value : INPUT) {
            if (!(value >= -1.0001f && value <= 1.0001f)) {
                throw new IllegalStateException("input value " + value + " outside [-1, 1] for a " + width + "x"
                        + height + " image, " + crop);
            }
        }
    }
}
