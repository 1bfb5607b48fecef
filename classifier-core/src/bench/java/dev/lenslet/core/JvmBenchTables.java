package dev.lenslet.core;

import java.util.Collection;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every JMH benchmark here with a short configuration (about 4 minutes instead of the annotations' 7) and
 * the gc profiler, then prints one markdown table: time per call and bytes allocated per call. Run from the
 * project root: {@code java -cp classifier-core/target/benchmarks.jar dev.lenslet.core.JvmBenchTables [regex]}.
 * For the full configuration use JMH itself: {@code java -jar classifier-core/target/benchmarks.jar}.
 */
public final class JvmBenchTables {
    private static final String PACKAGE = JvmBenchTables.class.getPackageName();
    /** The gc profiler's bytes per benchmark call (older JMH versions prefix the name with a dot). */
    private static final String GC_ALLOCATION_PER_CALL = "gc.alloc.rate.norm";

    private JvmBenchTables() {
    }

    public static void main(String[] args) throws RunnerException {
        Options options = new OptionsBuilder()
                .include(args.length > 0 ? args[0] : PACKAGE + ".*Benchmark")
                .warmupIterations(2)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(3)
                .measurementTime(TimeValue.seconds(1))
                .forks(1)
                .addProfiler(GCProfiler.class)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        System.out.println();
        System.out.println("| benchmark | parameters | time per call | ± (99.9%) | bytes allocated per call |");
        System.out.println("|---|---|---|---|---|");
        for (RunResult run : results) {
            Result<?> primary = run.getPrimaryResult();
            String name = run.getParams().getBenchmark().substring(PACKAGE.length() + 1); // Class.method
            StringBuilder params = new StringBuilder();
            for (String key : run.getParams().getParamsKeys()) {
                params.append(params.length() == 0 ? "" : " ").append(run.getParams().getParam(key));
            }
            System.out.printf("| %s | %s | %.3f %s | %.3f | %s |%n", name, params, primary.getScore(),
                    primary.getScoreUnit(), primary.getScoreError(), allocationPerCall(run));
        }
    }

    private static String allocationPerCall(RunResult run) {
        for (Map.Entry<String, Result> entry : run.getSecondaryResults().entrySet()) {
            if (entry.getKey().endsWith(GC_ALLOCATION_PER_CALL)) {
                return String.format("%.1f", entry.getValue().getScore());
            }
        }
        return "n/a";
    }
}
