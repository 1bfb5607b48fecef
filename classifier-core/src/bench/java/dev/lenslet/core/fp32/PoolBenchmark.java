package dev.lenslet.core.fp32;

import dev.lenslet.core.KernelData;
import dev.lenslet.core.graph.ConvGeometry;
import org.openjdk.jmh.annotations.Setup;

/** The global average pool: 7×7 VALID over 7×7×1280 → 1×1×1280. */
public class PoolBenchmark extends FloatKernelBenchmark {
    @Setup
    public void build() {
        ConvGeometry g = new ConvGeometry(7, 7, 1280, 1280, 7, 7, 1, 1, 1, 1, false);
        use(new AveragePool2d(g, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, 0, 1), g.inputSize(),
                g.outputSize());
    }
}
