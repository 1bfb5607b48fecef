package dev.lenslet.core.fp32;

import dev.lenslet.core.KernelData;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * 1×1 convolutions (about 95% of MobileNetV2's multiply-adds) at the network's expand and project shapes, as float
 * matrix products ({@code quant.QuantizedPointwiseBenchmark} times the integer ones).
 */
public class PointwiseBenchmark extends FloatKernelBenchmark {
    /** pixels x inC x outC: blocks 0-1 at 112², 2 at 56², 4 at 28², 7 and 11 at 14², 14 and the head at 7². */
    @Param({"12544x32x16", "12544x16x96", "3136x24x144", "3136x144x24", "784x32x192", "784x192x32",
            "196x64x384", "196x384x64", "196x96x576", "196x576x96", "49x160x960", "49x960x160", "49x320x1280"})
    public String shape;

    @Setup
    public void build() {
        int[] d = KernelData.dims(shape);
        int pixels = d[0], inC = d[1], outC = d[2];
        use(new PointwiseConv2d(kernelSet(), pixels, inC, outC, KernelData.random(outC * inC, 1),
                KernelData.random(outC, 2), KernelData.RELU6_MIN, KernelData.RELU6_MAX, 0, 1), pixels * inC,
                pixels * outC);
    }
}
