package dev.lenslet.core.fp32;

import dev.lenslet.core.KernelData;
import dev.lenslet.core.graph.ConvGeometry;
import org.openjdk.jmh.annotations.Setup;

/** The stem: a full 3×3 stride-2 convolution, 224×224×3 → 112×112×32, SAME padding, ReLU6. */
public class StemConvBenchmark extends FloatKernelBenchmark {
    @Setup
    public void build() {
        ConvGeometry g = new ConvGeometry(224, 224, 3, 32, 3, 3, 2, 2, 1, 1, true);
        use(new Conv2d(kernelSet(), g, KernelData.random(32 * 9 * 3, 1), KernelData.random(32, 2),
                KernelData.RELU6_MIN, KernelData.RELU6_MAX, 0, 1), g.inputSize(), g.outputSize());
    }
}
