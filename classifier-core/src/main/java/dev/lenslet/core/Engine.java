package dev.lenslet.core;

import dev.lenslet.core.image.Crop;
import dev.lenslet.core.image.Pixels;

/**
 * A network ready to run in one arithmetic, over buffers it owns: the float network ({@code fp32.FloatNetwork}) or
 * the exact integer one ({@code quant.QuantizedNetwork}). Nothing is allocated per run. Not thread-safe.
 */
public interface Engine extends LayeredNetwork {
    /** Width of the square-or-not image the network takes, in pixels. */
    int inputWidth();

    int inputHeight();

    /** Values the network outputs, background included when the model has it. */
    int outputSize();

    /** Fills the network's input with the image, cropped and resized: {@link #run} or the layers then read it. */
    void setInput(Pixels pixels, Crop crop);

    /** Runs every layer on the input set last and writes one probability per output into {@code probabilities}. */
    void run(float[] probabilities);

    /** The pooled feature vector (1280 values for MobileNetV2 1.0) of the last run, or null if the model has none. */
    float[] embedding();

    /** Rows of the class activation map grid (7 for MobileNetV2 at 224×224); 0 without a pooled classifier. */
    int mapHeight();

    int mapWidth();

    /**
     * Writes the class activation map of output {@code output} for the last run, [mapHeight][mapWidth] in the
     * network input's orientation, into {@code map}: see {@link dev.lenslet.core.explain.ClassActivationMap}.
     *
     * @throws IllegalStateException when the model has no global pool followed by a classifier
     */
    void classActivationMap(int output, float[] map);
}
