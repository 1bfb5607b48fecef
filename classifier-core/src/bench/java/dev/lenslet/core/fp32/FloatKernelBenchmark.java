package dev.lenslet.core.fp32;

import dev.lenslet.core.KernelBenchmark;
import dev.lenslet.core.KernelData;

/** A float layer to time, over random input in slot 0 and an output in slot 1 (or slots of its own). */
abstract class FloatKernelBenchmark extends KernelBenchmark {
    void use(Layer layer, int inputSize, int outputSize) {
        use(layer, new float[][] {KernelData.random(inputSize, 3), new float[outputSize]});
    }

    void use(Layer layer, float[][] slots) {
        use(() -> layer.forward(slots), slots);
    }
}
