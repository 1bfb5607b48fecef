package dev.lenslet.core;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The residual shortcut's element-wise add at each size the network adds at. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AddBenchmark {
    /** side x channels of the added tensors: 56²×24, 28²×32, 14²×64, 14²×96, 7²×160. */
    @Param({"56x24", "28x32", "14x64", "14x96", "7x160"})
    public String shape;

    private Layer layer;
    private float[][] slots; // {a, b, out}, each [side][side][C]

    @Setup
    public void build() {
        int[] d = KernelData.dims(shape);
        int size = d[0] * d[0] * d[1];
        layer = new Add(size, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, 0, 1, 2);
        slots = new float[][] {KernelData.random(size, 1), KernelData.random(size, 2), new float[size]};
    }

    @Benchmark
    public float[] add() {
        layer.forward(slots);
        return slots[2];
    }
}
