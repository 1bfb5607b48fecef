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

/** The global average pool: 7×7 VALID over 7×7×1280 → 1×1×1280. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PoolBenchmark {
    private Layer layer;
    private float[][] slots; // {input [7][7][1280], output [1280]}

    @Setup
    public void build() {
        ConvGeometry g = new ConvGeometry(7, 7, 1280, 1280, 7, 7, 1, 1, 1, 1, false);
        layer = new AveragePool2d(g, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, 0, 1);
        slots = new float[][] {KernelData.random(g.inputSize(), 1), new float[g.outputSize()]};
    }

    @Benchmark
    public float[] averagePool() {
        layer.forward(slots);
        return slots[1];
    }
}
