package dev.lenslet.core;

import dev.lenslet.core.kernel.KernelSet;
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
    /** A core {@link KernelSet}'s name: JMH sets only public enums, strings and primitives. */
    @Param({"VECTORIZABLE", "REGISTER_BLOCKED"})
    public String kernels;
    private Runnable forward;
    private Object output;

    /** The kernel set named by {@link #kernels}. */
    protected KernelSet kernelSet() {
        return kernels.equals("VECTORIZABLE") ? KernelSet.VECTORIZABLE : KernelSet.REGISTER_BLOCKED;
    }

    /** The layer to time: {@code forward} runs it once over buffers {@code output} holds. */
    protected void use(Runnable forward, Object output) {
        this.forward = forward;
        this.output = output;
    }

    @Benchmark
    public Object forward() {
        forward.run();
        return output;
    }
}
