package dev.lenslet.core.image;

import dev.lenslet.core.SharedData;
import dev.lenslet.core.tflite.TfliteModel;
import dev.lenslet.core.tflite.TfliteModelReader;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PreprocessorTest {
    /** The primary model's input quantization: real = (q − 128) / 128. */
    private static final float MUL = 1f / 128, ADD = -1f;

    @Test
    void exactSizeInputIsOnlyNormalized() {
        Pixels pixels = SharedData.pixels("bird.rgb");
        float[] out = new float[224 * 224 * 3];
        new Preprocessor(224, 224, MUL, ADD).run(pixels, Crop.SQUASH, out);
        for (int i = 0; i < out.length; i++) {
            assertEquals(((pixels.data[i] & 0xFF) - 128) / 128f, out[i], 1e-6f, "value " + i);
        }
    }

    @Test
    void normalizationComesFromTheModelInput() {
        TfliteModel perChannel = TfliteModelReader.read(SharedData.bytes(SharedData.model(SharedData.PER_CHANNEL)));
        float[] out = new float[224 * 224 * 3];
        Preprocessor.forInput(perChannel.input()).run(solid(8, 8, 255, 0, 127), Crop.SQUASH, out);
        assertEquals((255 - 127) / 127.5f, out[0], 1e-5f); // scale 1/127.5, zero point 127
        assertEquals((0 - 127) / 127.5f, out[1], 1e-5f);
        assertEquals(0f, out[2], 1e-5f);
    }

    @Test
    void bilinearUpscaleUsesHalfPixelCentres() {
        // Two columns, 0 and 200: the outputs at 1/8, 3/8, 5/8, 7/8 of the width sample at x = -0.25, 0.25, 0.75, 1.25.
        byte[] rgb = {0, 0, 0, (byte) 200, (byte) 200, (byte) 200};
        float[] out = new float[4 * 3];
        new Preprocessor(1, 4, 1f, 0f).run(new Pixels(rgb, 2, 1, 3), Crop.SQUASH, out);
        assertEquals(0f, out[0], 1e-4f);
        assertEquals(50f, out[3], 1e-4f);
        assertEquals(150f, out[6], 1e-4f);
        assertEquals(200f, out[9], 1e-4f);
    }

    @Test
    void largeDownscaleAveragesInsteadOfAliasing() {
        // A one-pixel black/white checkerboard shrunk 10×: point sampling would give pure black or white.
        int size = 2240;
        byte[] rgba = new byte[size * size * 4];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                byte v = (byte) (((x + y) & 1) == 0 ? 255 : 0);
                int i = (y * size + x) * 4;
                rgba[i] = v;
                rgba[i + 1] = v;
                rgba[i + 2] = v;
            }
        }
        float[] out = new float[224 * 224 * 3];
        new Preprocessor(224, 224, 1f, 0f).run(new Pixels(rgba, size, size, 4), Crop.SQUASH, out);
        for (float v : out) {
            assertEquals(127.5f, v, 0.5f);
        }
    }

    @Test
    void centralCropKeepsTheMiddleSquare() {
        // 300×100: a red band, a green 100×100 square in the middle, a blue band.
        byte[] rgb = new byte[300 * 100 * 3];
        for (int y = 0; y < 100; y++) {
            for (int x = 0; x < 300; x++) {
                rgb[(y * 300 + x) * 3 + (x < 100 ? 0 : x < 200 ? 1 : 2)] = (byte) 255;
            }
        }
        float[] out = new float[16 * 16 * 3];
        new Preprocessor(16, 16, 1f, 0f).run(new Pixels(rgb, 300, 100, 3), Crop.center(1f), out);
        for (int p = 0; p < 16 * 16; p++) {
            assertEquals(0f, out[3 * p], 1e-3f);
            assertEquals(255f, out[3 * p + 1], 1e-3f);
            assertEquals(0f, out[3 * p + 2], 1e-3f);
        }
        new Preprocessor(16, 16, 1f, 0f).run(new Pixels(rgb, 300, 100, 3), Crop.SQUASH, out);
        assertEquals(255f, out[0], 1e-3f); // the squashed whole image starts red
    }

    /** A live frame: RGBA, a region of exactly the input's size, squashed; its RGB values as they are. */
    @Test
    void exactSizeRgbaRegionIsCopiedAsItIs() {
        byte[] rgba = new byte[12 * 10 * 4];
        new java.util.Random(7).nextBytes(rgba);
        Pixels region = new Pixels(rgba, 12, 10, 4).crop(3, 2, 5, 5);
        float[] values = new float[5 * 5 * 3];
        byte[] raw = new byte[5 * 5 * 3];
        new Preprocessor(5, 5, MUL, ADD).run(region, Crop.SQUASH, values);
        new Preprocessor(5, 5, 1f, 0f).run(region, Crop.SQUASH, raw);
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 5; x++) {
                for (int c = 0; c < 3; c++) {
                    int pixel = rgba[((2 + y) * 12 + 3 + x) * 4 + c] & 0xFF;
                    int o = (y * 5 + x) * 3 + c;
                    assertEquals(pixel * MUL + ADD, values[o], 0f, "value " + o);
                    assertEquals(pixel, raw[o] & 0xFF, "raw value " + o);
                }
            }
        }
    }

    @Test
    void regionIsWhatGetsResized() {
        Pixels image = solid(40, 40, 10, 20, 30);
        for (int y = 10; y < 20; y++) {
            for (int x = 10; x < 20; x++) {
                image.data[(y * 40 + x) * 3] = (byte) 250;
            }
        }
        float[] out = new float[5 * 5 * 3];
        new Preprocessor(5, 5, 1f, 0f).run(image.crop(10, 10, 10, 10), Crop.SQUASH, out);
        for (int p = 0; p < 25; p++) {
            assertEquals(250f, out[3 * p], 1e-3f);
            assertEquals(20f, out[3 * p + 1], 1e-3f);
        }
    }

    @Test
    void invalidPixelsAreRefusedWithTheReason() {
        IllegalArgumentException shortData = assertThrows(IllegalArgumentException.class,
                () -> new Pixels(new byte[10], 4, 4, 3));
        assertEquals("a 4×4×3 image needs 48 bytes but 10 were given", shortData.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Pixels(new byte[48], 4, 4, 2));
        IllegalArgumentException badCrop = assertThrows(IllegalArgumentException.class,
                () -> solid(4, 4, 0, 0, 0).crop(2, 2, 4, 4));
        assertEquals("crop 4×4 at (2, 2) does not lie inside the 4×4 image", badCrop.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Crop.center(1.5f));
    }

    private static Pixels solid(int w, int h, int r, int g, int b) {
        byte[] rgb = new byte[w * h * 3];
        for (int i = 0; i < w * h; i++) {
            rgb[3 * i] = (byte) r;
            rgb[3 * i + 1] = (byte) g;
            rgb[3 * i + 2] = (byte) b;
        }
        return new Pixels(rgb, w, h, 3);
    }
}
