package dev.lenslet.core.fp32;

import dev.lenslet.core.KernelData;
import dev.lenslet.core.graph.ConvGeometry;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/** 3×3 depthwise convolutions, SAME padding, at MobileNetV2's stride-1 and stride-2 shapes. */
public class DepthwiseBenchmark extends FloatKernelBenchmark {
    /** inputSide x channels x stride: every distinct depthwise layer of the network. */
    @Param({"112x32x1", "56x144x1", "28x192x1", "14x384x1", "14x576x1", "7x960x1",
            "112x96x2", "56x144x2", "28x192x2", "14x576x2"})
    public String shape;

    @Setup
    public void build() {
        int[] d = KernelData.dims(shape);
        int side = d[0], channels = d[1], stride = d[2];
        ConvGeometry g = new ConvGeometry(side, side, channels, channels, 3, 3, stride, stride, 1, 1, true);
        use(new DepthwiseConv2d(kernelSet(), g, 1, KernelData.random(9 * channels, 1), KernelData.random(channels, 2),
                KernelData.RELU6_MIN, KernelData.RELU6_MAX, 0, 1), g.inputSize(), g.outputSize());
    }
}
