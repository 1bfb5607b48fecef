package dev.lenslet.core;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The stem: a full 3×3 stride-2 convolution, 224×224×3 → 112×112×32, SAME padding, ReLU6. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class StemConvBenchmark {
    private Layer layer;
    private float[][] slots; // {input [224][224][3], output [112][112][32]}

    @Setup
    public void build() {
        ConvGeometry g = new ConvGeometry(224, 224, 3, 32, 3, 3, 2, 2, 1, 1, true);
        layer = new Conv2d(g, KernelData.random(32 * 9 * 3, 1), KernelData.random(32, 2),
                KernelData.RELU6_MIN, KernelData.RELU6_MAX, 0, 1);
        slots = new float[][] {KernelData.random(g.inputSize(), 3), new float[g.outputSize()]};
    }

    @Benchmark
    public float[] stemConv() {
        layer.forward(slots);
        return slots[1];
    }
}
