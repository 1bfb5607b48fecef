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
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One layer's forward pass on its own; each subclass builds a kernel type at MobileNetV2's shapes in its setup,
 * in the {@link KernelSet} given by {@code -p kernels=...} (both by default).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public abstract class KernelBenchmark {
    /** A {@link CoreKernelSet}'s name: JMH sets only public enums, strings and primitives. */
    @Param({"VECTORIZABLE", "REGISTER_BLOCKED"})
    public String kernels;
    private Runnable forward;
    private Object output;

    /** The layer to time, reading random input from slot 0 and writing an output of {@code outputSize} to slot 1. */
    /** The kernel set named by {@link #kernels}. */
    KernelSet kernelSet() {
        return CoreKernelSet.valueOf(kernels);
    }

    void use(Layer layer, int inputSize, int outputSize) {
        use(layer, new float[][] {KernelData.random(inputSize, 3), new float[outputSize]});
    }

    /** An integer layer, reading random uint8 input from slot 0 and writing {@code outputSize} bytes to slot 1. */
    void use(QuantizedLayer layer, int inputSize, int outputSize) {
        byte[][] bytes = {new byte[inputSize], new byte[outputSize]};
        new java.util.Random(3).nextBytes(bytes[0]);
        forward = () -> layer.forward(bytes);
        output = bytes;
    }

    void use(Layer layer, float[][] slots) {
        forward = () -> layer.forward(slots);
        output = slots;
    }

    @Benchmark
    public Object forward() {
        forward.run();
        return output;
    }
}
