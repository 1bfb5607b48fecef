package dev.lenslet.core.image;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer harness: any image size, region, crop and pixel values fill the model input with values inside the
 * model's range. Any exception, a value outside [-1, 1] or a hang is a finding. The normal build runs the saved
 * inputs in PreprocessorFuzzTestInputs (one pixel, the largest image, strips, edge regions, pixel extremes, both
 * crops); -Pfuzz mutates them.
 */
class PreprocessorFuzzTest {
    private final Preprocessor preprocessor = new Preprocessor(224, 224, 1 / 127.5f, -1);
    private final float[] input = new float[224 * 224 * 3]; // [224][224][3]

    @FuzzTest(maxDuration = "1m")
    void preprocessingHandlesAnyImageRegionAndCrop(byte[] seed) {
        if (seed.length < 7) {
            return;
        }
        int width = 1 + (seed[0] & 0x7F);
        int height = 1 + (seed[1] & 0x7F);
        byte[] rgb = new byte[width * height * 3]; // [height][width][3]
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = seed[(i + 7) % seed.length];
        }
        Pixels pixels = new Pixels(rgb, width, height, 3);
        int x = (seed[3] & 0xFF) % width;
        int y = (seed[4] & 0xFF) % height;
        pixels = pixels.crop(x, y, 1 + (seed[5] & 0xFF) % (width - x), 1 + (seed[6] & 0xFF) % (height - y));
        Crop crop = (seed[2] & 1) == 0 ? Crop.SQUASH : Crop.CENTER;
        preprocessor.run(pixels, crop, input);
        for (float value : input) {
            if (!(value >= -1.0001f && value <= 1.0001f)) {
                throw new IllegalStateException("input value " + value + " outside [-1, 1] for a " + width + "x"
                        + height + " image, " + crop);
            }
        }
    }
}
