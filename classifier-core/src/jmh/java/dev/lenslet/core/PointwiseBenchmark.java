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

/** 1×1 convolutions (about 95% of MobileNetV2's multiply-adds) at the network's expand and project shapes. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PointwiseBenchmark {
    /** pixels x inC x outC: blocks 0-1 at 112², 2 at 56², 4 at 28², 7 and 11 at 14², 14 and the head at 7². */
    @Param({"12544x32x16", "12544x16x96", "3136x24x144", "3136x144x24", "784x32x192", "784x192x32",
            "196x64x384", "196x384x64", "196x96x576", "196x576x96", "49x160x960", "49x960x160", "49x320x1280"})
    public String shape;

    private Layer layer;
    private float[][] slots; // {input [pixels][inC], output [pixels][outC]}

    @Setup
    public void build() {
        int[] d = KernelData.dims(shape);
        int pixels = d[0], inC = d[1], outC = d[2];
        layer = new PointwiseConv2d(pixels, inC, outC, KernelData.random(outC * inC, 1), KernelData.random(outC, 2),
                KernelData.RELU6_MIN, KernelData.RELU6_MAX, 0, 1);
        slots = new float[][] {KernelData.random(pixels * inC, 3), new float[pixels * outC]};
    }

    @Benchmark
    public float[] pointwise() {
        layer.forward(slots);
        return slots[1];
    }
}
