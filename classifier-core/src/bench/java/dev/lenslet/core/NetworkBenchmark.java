package dev.lenslet.core;

import dev.lenslet.core.image.Crop;
import dev.lenslet.core.image.Pixels;
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

/**
 * One whole MobileNetV2 inference on the real primary model, single thread: the JVM's single-image latency, in
 * float arithmetic with the JVM's vectorizable kernels and with the browser's register-blocked ones, and in exact
 * integer arithmetic ({@code -p path=...}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class NetworkBenchmark {
    @Param({"VECTORIZABLE", "REGISTER_BLOCKED", "INTEGER"})
    public NetworkPath path;
    private Classifier classifier;
    private Runnable networkRun;
    private Pixels pixels;

    @Setup
    public void load() {
        classifier = BenchModel.loadClassifier(path);
        networkRun = BenchModel.networkRun(path);
        pixels = BenchModel.testPattern();
    }

    /** The layers only, on an input already in place. */
    @Benchmark
    public void networkRun() {
        networkRun.run();
    }

    /** What a frame costs: preprocessing (224×224 RGB → model input) plus the network. */
    @Benchmark
    public float[] classifierRun() {
        classifier.run(pixels, Crop.CENTER);
        return classifier.probabilities();
    }
}
