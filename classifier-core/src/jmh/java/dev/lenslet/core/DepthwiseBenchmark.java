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

/** 3×3 depthwise convolutions, SAME padding, at MobileNetV2's stride-1 and stride-2 shapes. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DepthwiseBenchmark {
    /** inputSide x channels x stride: every distinct depthwise layer of the network. */
    @Param({"112x32x1", "56x144x1", "28x192x1", "14x384x1", "14x576x1", "7x960x1",
            "112x96x2", "56x144x2", "28x192x2", "14x576x2"})
    public String shape;

    private Layer layer;
    private float[][] slots; // {input [side][side][C], output [outSide][outSide][C]}

    @Setup
    public void build() {
        int[] d = KernelData.dims(shape);
        int side = d[0], channels = d[1], stride = d[2];
        ConvGeometry g = new ConvGeometry(side, side, channels, channels, 3, 3, stride, stride, 1, 1, true);
        layer = new DepthwiseConv2d(g, 1, KernelData.random(9 * channels, 1), KernelData.random(channels, 2),
                KernelData.RELU6_MIN, KernelData.RELU6_MAX, 0, 1);
        slots = new float[][] {KernelData.random(g.inputSize(), 3), new float[g.outputSize()]};
    }

    @Benchmark
    public float[] depthwise() {
        layer.forward(slots);
        return slots[1];
    }
}
