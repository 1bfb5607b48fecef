package dev.lenslet.server;

import dev.lenslet.server.kernel.JvmKernels;
import dev.lenslet.core.kernel.KernelSet;
import dev.lenslet.server.http.ServerConfig;
import dev.lenslet.server.http.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Lenslet's whole benchmark (issue 4), run by {@code mvn -B -Pbench -pl server -am verify}: the benchmark page
 * for both builds and the peer engines in one Chromium session with ratios, the JVM's single image against
 * onnxruntime-node (1 thread), live camera throughput, CLI batch throughput on 1 core and on all, and
 * /api/classify under concurrent clients. Prints markdown and writes it to {@code target/benchmarks/results.md}.
 * The browser part also times each layer of both builds ({@code bench.html?profile=layers}), unless
 * {@code -Dbench.profile=none}. Choose parts with {@code -Dbench.parts=browser,peers,native,live,cli,api}; the
 * other {@code bench.*} properties below tune each part. Exits with status 1 if any part failed.
 */
public final class BenchmarkSuite {
    private static final Set<String> PARTS = Set.of("browser", "peers", "native", "live", "cli", "api", "explain",
            "teach");
    /** The peer configuration Lenslet's ratios are headlined against: the two targets. */
    private static final List<String> HEADLINE_PEERS = List.of("tfjs-wasm-simd-1t-graph", "ort-wasm-1t");

    private final StringBuilder report = new StringBuilder();
    private final List<String> failures = new ArrayList<>();
    private BenchPage.Result wasm;
    private BenchPage.Result js;
    private BenchPage.Result wasmInteger;
    private BenchPage.Result wasmIntegerJava;

    private BenchmarkSuite() {
    }

    public static void main(String[] args) throws Exception {
        Set<String> parts = Arrays.stream(System.getProperty("bench.parts", String.join(",", PARTS)).split(","))
                .map(String::trim).filter(part -> !part.isEmpty()).collect(Collectors.toSet());
        if (!PARTS.containsAll(parts)) {
            throw new IllegalArgumentException("bench.parts must name some of " + PARTS + ", not " + parts);
        }
        BenchmarkSuite suite = new BenchmarkSuite();
        suite.run(parts);
        Path out = Path.of(System.getProperty("bench.out", "target/benchmarks/results.md"));
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, suite.report);
        System.out.println(suite.report);
        System.out.println("Written to " + out.toAbsolutePath());
        if (!suite.failures.isEmpty()) {
            System.err.println("Failed parts: " + suite.failures);
            System.exit(1);
        }
    }

    private void run(Set<String> parts) throws Exception {
        MachineInfo machine = MachineInfo.current();
        line("# Lenslet benchmark results");
        line("");
        line("Measured " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + " on " + machine.cpu() + ", "
                + machine.cores() + " cores, " + machine.memory() + " RAM, " + machine.os() + "; " + machine.java()
                + "; " + machine.chromium() + " (headless). Load average at the start: " + MachineInfo.loadAverage()
                + ". The machine is shared: absolute times drift between runs, so compare the ratios within one run.");
        if (parts.contains("browser") || parts.contains("peers")) {
            // The server sends COOP/COEP, so the page is cross-origin isolated and performance.now() ticks in 5 µs,
            // not 100: the layer profile needs it.
            try (TestServer server = TestServer.start()) {
                part("browser", () -> browser(server, parts));
            }
            if (wasm != null && !wasm.layers().isEmpty()) {
                part("layer profile", this::layerProfile);
            }
        }
        if (parts.contains("live")) {
            try (TestServer server = TestServer.start()) {
                part("live", () -> live(server));
            }
        }
        if (parts.contains("native")) {
            part("native", this::nativeComparison);
        }
        if (parts.contains("teach")) {
            try (TestServer server = TestServer.start()) {
                part("teach", () -> teach(server));
            }
        }
        if (parts.contains("cli")) {
            part("cli", this::cli);
        }
        if (parts.contains("api")) {
            part("api", this::api);
        }
        if (parts.contains("explain")) {
            part("explain", this::explain);
        }
        line("");
        line("Load average at the end: " + MachineInfo.loadAverage() + ".");
    }

    private void browser(TestServer server, Set<String> parts) throws Exception {
        line("");
        line("## Browser: one 224×224 MobileNetV2 inference, headless Chromium, same session");
        line("");
        line("| engine | median ms | min ms | first prediction ms | bytes transferred | median ÷ Lenslet Wasm |");
        line("|---|---|---|---|---|---|");
        if (parts.contains("browser")) {
            Duration timeout = Duration.ofMinutes(10);
            boolean profile = !"none".equals(System.getProperty("bench.profile", "layers"));
            int wasmRuns = intProperty("bench.runs.wasm", 30);
            wasm = benchPage(server, "wasm", "float", wasmRuns, profile, timeout);
            browserRow("Lenslet Wasm GC, float arithmetic (bench.html?arith=float)", wasm);
            wasmInteger = benchPage(server, "wasm", "int", wasmRuns, profile, timeout);
            browserRow("Lenslet Wasm GC, integer arithmetic on the SIMD kernels, the page's (bench.html?arith=int)",
                    wasmInteger);
            wasmIntegerJava = benchPage(server, BenchPage.WASM_WITHOUT_SIMD, "int", wasmRuns, profile, timeout);
            browserRow("Lenslet Wasm GC, integer arithmetic on the Java kernels (bench.html?arith=int&simd=0)",
                    wasmIntegerJava);
            js = benchPage(server, "js", "float", intProperty("bench.runs.js", 10), profile, timeout);
            browserRow("Lenslet JS, float arithmetic, the page's (bench.html?build=js)", js);
        }
        if (parts.contains("peers")) {
            List<PeerEngines.Result> peers = PeerEngines.run(SharedFiles.path("peers"), Path.of("target", "peers"),
                    System.getProperty("bench.peers.configs", "fast"), intProperty("bench.peers.runs", 30), 30);
            for (PeerEngines.Result peer : peers) {
                if (peer.error() != null) {
                    line("| " + peer.config() + " | failed: " + peer.error().lines().findFirst().orElse("") + " |||||");
                } else {
                    line(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.0f | %,d | %s |", peer.config(),
                            peer.medianMs(), peer.minMs(), peer.firstPredictionMs(), peer.bytes(),
                            ratio(peer.medianMs())));
                }
            }
            headlineRatios(peers);
        }
    }

    private static BenchPage.Result benchPage(TestServer server, String build, String arith, int runs,
                                              boolean profile, Duration timeout) {
        BenchPage.Result result = profile
                ? BenchPage.runProfiled(BenchmarkSuite.class, server, build, arith, runs, timeout)
                : BenchPage.run(BenchmarkSuite.class, server, build, arith, runs, timeout);
        // Figures that contradict each other mean a broken measurement, not a slow machine: no table from them.
        if (result.error() == null && !(result.minMs() > 0 && result.minMs() <= result.medianMs()
                && result.firstPredictionMs() > result.minMs())) {
            throw new IllegalStateException("bench.html?build=" + build + "&arith=" + arith + " reported min "
                    + result.minMs() + " ms, median " + result.medianMs() + " ms and a first prediction at "
                    + result.firstPredictionMs() + " ms, which includes loading the model: " + result);
        }
        return result;
    }

    /**
     * Where the time of one inference goes: each kind of layer, then each layer, timed alone (network only,
     * without copying the frame in, preprocessing or the top 5) as often as the whole runs were. The float Wasm
     * build leads; the integer Wasm build and the JS build follow in their own columns.
     */
    private void layerProfile() {
        Map<String, BenchPage.Result> others = new LinkedHashMap<>();
        if (wasmInteger != null && wasmInteger.layers().size() == wasm.layers().size()) {
            others.put("Wasm int SIMD", wasmInteger);
        }
        if (wasmIntegerJava != null && wasmIntegerJava.layers().size() == wasm.layers().size()) {
            others.put("Wasm int Java", wasmIntegerJava);
        }
        if (js != null && js.layers().size() == wasm.layers().size()) {
            others.put("JS", js);
        }
        double wasmTotal = wasm.kinds().stream().mapToDouble(BenchPage.LayerTime::meanMs).sum();
        line("");
        line("## Where the time goes: each layer timed alone in the worker, " + wasm.runs() + " runs of the float"
                + " Wasm build" + others.entrySet().stream().map(o -> ", " + o.getValue().runs() + " " + o.getKey())
                .collect(Collectors.joining()));
        line("");
        line(String.format(Locale.ROOT, "Float Wasm layers add up to %.1f ms (by the mean; %.1f ms by each layer's"
                + " minimum) against %.1f ms median for a whole classify call (copy in, preprocessing and top 5"
                + " included).", wasmTotal, wasm.kinds().stream().mapToDouble(BenchPage.LayerTime::minMs).sum(),
                wasm.medianMs()));
        for (var other : others.entrySet()) {
            line(String.format(Locale.ROOT, "%s layers add up to %.1f ms against %.1f ms median.", other.getKey(),
                    other.getValue().kinds().stream().mapToDouble(BenchPage.LayerTime::meanMs).sum(),
                    other.getValue().medianMs()));
        }
        line("");
        line("| kind | layers | M multiply-adds | Wasm mean ms | Wasm median ms | Wasm min ms | share | Wasm GMAC/s |"
                + others.keySet().stream().map(o -> " " + o + " mean ms | " + o + " GMAC/s |")
                .collect(Collectors.joining()));
        line("|---|---|---|---|---|---|---|---|" + "---|---|".repeat(others.size()));
        for (BenchPage.LayerTime kind : wasm.kinds()) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT,
                    "| %s | %s | %.1f | %.2f | %.2f | %.2f | %.1f%% | %s |", kind.kind(), kind.what(),
                    kind.multiplyAdds() / 1e6, kind.meanMs(), kind.medianMs(), kind.minMs(),
                    100 * kind.meanMs() / wasmTotal, rate(kind)));
            for (BenchPage.Result other : others.values()) {
                BenchPage.LayerTime same = other.kinds().stream().filter(k -> k.kind().equals(kind.kind()))
                        .findFirst().orElseThrow();
                row.append(String.format(Locale.ROOT, " %.2f | %s |", same.meanMs(), rate(same)));
            }
            line(row.toString());
        }
        line("");
        line("| # | kind | shape | M multiply-adds | Wasm mean ms | Wasm median ms | Wasm min ms | Wasm GMAC/s |"
                + others.keySet().stream().map(o -> " " + o + " mean ms |").collect(Collectors.joining()));
        line("|---|---|---|---|---|---|---|---|" + "---|".repeat(others.size()));
        for (int i = 0; i < wasm.layers().size(); i++) {
            BenchPage.LayerTime layer = wasm.layers().get(i);
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT,
                    "| %d | %s | %s | %.2f | %.3f | %.3f | %.3f | %s |", i, layer.kind(), layer.what(),
                    layer.multiplyAdds() / 1e6, layer.meanMs(), layer.medianMs(), layer.minMs(), rate(layer)));
            for (BenchPage.Result other : others.values()) {
                row.append(String.format(Locale.ROOT, " %.3f |", other.layers().get(i).meanMs()));
            }
            line(row.toString());
        }
    }

    /** GMAC/s with two decimals, or nothing for layers without multiply-adds. */
    private static String rate(BenchPage.LayerTime time) {
        return time.multiplyAdds() == 0 ? "" : String.format(Locale.ROOT, "%.2f", time.gmacPerSecond());
    }

    private void browserRow(String engine, BenchPage.Result result) {
        if (result.error() != null) {
            throw new IllegalStateException(engine + ": " + result.error());
        }
        line(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.0f | %,d | %s |", engine, result.medianMs(),
                result.minMs(), result.firstPredictionMs(), result.bytesTransferred(), ratio(result.medianMs())));
    }

    /** An engine's median over Lenslet Wasm's (above 1: Lenslet is faster), or "–" without a Wasm figure. */
    private String ratio(double medianMs) {
        return wasm == null ? "–" : String.format(Locale.ROOT, "%.2f", medianMs / wasm.medianMs());
    }

    private void headlineRatios(List<PeerEngines.Result> peers) {
        if (wasm == null) {
            return;
        }
        line("");
        for (PeerEngines.Result peer : peers) {
            if (HEADLINE_PEERS.contains(peer.config()) && peer.error() == null) {
                line(String.format(Locale.ROOT, "Lenslet Wasm takes %.2f× the time of %s (%.1f vs %.1f ms median).",
                        wasm.medianMs() / peer.medianMs(), peer.config(), wasm.medianMs(), peer.medianMs()));
                if (wasmInteger != null) {
                    line(String.format(Locale.ROOT, "Lenslet Wasm, integer arithmetic on SIMD, takes %.2f× the time"
                            + " of %s (%.1f vs %.1f ms median).", wasmInteger.medianMs() / peer.medianMs(),
                            peer.config(), wasmInteger.medianMs(), peer.medianMs()));
                }
            }
        }
    }

    private void live(TestServer server) throws Exception {
        Path video = FakeCameraVideo.write(SharedFiles.photo("cat.bmp"),
                Files.createTempFile("lenslet-bench-cat", ".y4m"));
        try {
            LiveThroughput.Result live = LiveThroughput.measure(server, video,
                    Duration.ofSeconds(intProperty("bench.live.seconds", 20)));
            line("");
            line("## Live camera: the page's two-worker pool, fake camera filming cat.bmp ("
                    + FakeCameraVideo.WIDTH + "×" + FakeCameraVideo.HEIGHT + ")");
            line("");
            line("| frames per second | frames | seconds | ms per image (page) | workers busy | results dropped"
                    + " (a newer one came first) |");
            line("|---|---|---|---|---|---|");
            line(String.format(Locale.ROOT, "| %.1f | %d | %.1f | %s | %.0f%% | %.1f%% |", live.fps(), live.frames(),
                    live.seconds(), live.latencyMs(), live.workersBusyPercent(), live.droppedPercent()));
        } finally {
            Files.deleteIfExists(video);
        }
    }

    /**
     * onnxruntime-node on 1 thread, then the JVM in this process (one thread, warmed up) with each kernel set, the
     * same number of timed runs each, and the JVM's times as multiples of onnxruntime-node's (target 4: ≤ 2×).
     */
    private void nativeComparison() throws Exception {
        int runs = intProperty("bench.native.runs", 50);
        int warmups = 30;
        OnnxRuntimeNode.Result ort = OnnxRuntimeNode.run(SharedFiles.path("peers"), Path.of("target", "peers"),
                Path.of("target", "native"), runs, warmups);
        List<JvmSingleImage.Result> jvm = new ArrayList<>();
        // What the CLI and server run first (the Vector API set: this JVM has the module), then the core's two.
        for (KernelSet kernels : List.of(JvmKernels.CHOSEN, KernelSet.VECTORIZABLE, KernelSet.REGISTER_BLOCKED)) {
            jvm.add(JvmSingleImage.measure(SharedFiles.MODEL, kernels, runs, warmups));
        }
        line("");
        line("## Native: one 224×224 MobileNetV2 inference on 1 thread, no browser (" + runs + " runs after "
                + warmups + " warm-up runs)");
        line("");
        line("| engine | median ms | min ms | median ÷ onnxruntime-node | min ÷ onnxruntime-node | bytes allocated"
                + " per run |");
        line("|---|---|---|---|---|---|");
        line(String.format(Locale.ROOT, "| onnxruntime-node %s, CPU, 1 thread (session.run) | %.1f | %.1f | 1.00 |"
                + " 1.00 | |", ort.version(), ort.medianMs(), ort.minMs()));
        for (JvmSingleImage.Result result : jvm) {
            line(String.format(Locale.ROOT, "| Lenslet JVM, %s kernels (Network.run) | %.1f | %.1f | %.2f | %.2f |"
                    + " %.0f |", result.kernels(), result.medianMs(), result.minMs(),
                    result.medianMs() / ort.medianMs(), result.minMs() / ort.minMs(), result.bytesPerRun()));
        }
        line("");
        line(String.format(Locale.ROOT, "Lenslet on the JVM (%s kernels, what the CLI and server use) takes %.2f× the"
                + " time of onnxruntime-node by median (target ≤ 2×).", jvm.get(0).kernels(),
                jvm.get(0).medianMs() / ort.medianMs()));
    }

    private void cli() throws Exception {
        Path jar = Path.of("target", "lenslet.jar");
        Path photos = SharedFiles.path("photos");
        int repeats = intProperty("bench.cli.repeats", 10);
        int cores = Runtime.getRuntime().availableProcessors();
        CliThroughput.Result one = CliThroughput.measure(jar, SharedFiles.MODEL, photos, repeats, 1);
        CliThroughput.Result all = CliThroughput.measure(jar, SharedFiles.MODEL, photos, repeats, cores);
        line("");
        line("## CLI batch: `java --add-modules jdk.incubator.vector -jar lenslet.jar classify` on shared/photos × "
                + repeats + " (wall clock, JVM start and model load included)");
        line("");
        line("| cores | images | seconds | images per second | speed-up |");
        line("|---|---|---|---|---|");
        for (CliThroughput.Result result : List.of(one, all)) {
            line(String.format(Locale.ROOT, "| %d | %d | %.1f | %.2f | %.2f× |", result.cores(), result.images(),
                    result.seconds(), result.imagesPerSecond(), result.imagesPerSecond() / one.imagesPerSecond()));
        }
    }

    private void api() throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        int clients = intProperty("bench.api.clients", 8);
        ServerConfig config = TestServer.sharedModelConfig().withClassifiers(cores)
                .withMaxUploadBytes(ServerConfig.DEFAULT_MAX_UPLOAD_BYTES);
        Path photo = SharedFiles.photo("grace_hopper.jpg");
        ApiThroughput.Result result;
        try (TestServer server = TestServer.start(config)) {
            result = ApiThroughput.measure(server, photo, "image/jpeg", clients,
                    Duration.ofSeconds(intProperty("bench.api.seconds", 15)));
        }
        line("");
        line("## REST API: POST /api/classify (" + photo.getFileName() + ", " + Files.size(photo) + " bytes), "
                + cores + " classifiers");
        line("");
        line("| concurrent clients | classified | seconds | classified per second | 503 (retried after Retry-After)"
                + " | failed |");
        line("|---|---|---|---|---|---|");
        line(String.format(Locale.ROOT, "| %d | %d | %.1f | %.2f | %d | %d |", result.clients(), result.requests(),
                result.seconds(), result.requestsPerSecond(), result.busyAnswers(), result.failures()));
    }

    private void teach(TestServer server) throws Exception {
        TeachTraining.Result result = TeachTraining.measure(server, intProperty("bench.teach.runs", 5));
        line("");
        line("## Teach: training a head in the Wasm worker, " + TeachTraining.CLASSES + " classes × "
                + TeachTraining.EXAMPLES_PER_CLASS + " synthetic embeddings");
        line("");
        line("| runs | median ms | min ms | epochs | stored example: embedding bytes | thumbnail bytes (data URL) |");
        line("|---|---|---|---|---|---|");
        line(String.format(Locale.ROOT, "| %d | %.0f | %.0f | %d | %.0f | %.0f |", result.runs(), result.medianMs(),
                result.minMs(), result.epochs(), result.embeddingBytes(), result.thumbnailBytes()));
    }

    private interface Part {
        void run() throws Exception;
    }

    /** Runs one part; a failure is reported in the results and the exit status, and the other parts still run. */
    private void part(String name, Part part) {
        System.out.println("[bench] " + name + " …");
        try {
            part.run();
        } catch (Exception | AssertionError e) {
            failures.add(name);
            line("");
            line("**" + name + " failed:** " + String.valueOf(e.getMessage()).lines().findFirst().orElse(e.toString()));
            e.printStackTrace();
        }
    }

    private void line(String text) {
        report.append(text).append('\n');
    }

    private static int intProperty(String name, int fallback) {
        return Integer.parseInt(System.getProperty(name, String.valueOf(fallback)));
    }

    private void explain() throws Exception {
        line("");
        line("## JVM: where it looked, and similar photos (one thread, after warm-up)");
        line("");
        line("| arithmetic | inference median ms | map of the top class median µs | map ÷ inference |");
        line("|---|---|---|---|");
        for (dev.lenslet.core.Arithmetic arithmetic : dev.lenslet.core.Arithmetic.values()) {
            ExplainCost.Map cost = ExplainCost.map(SharedFiles.MODEL, SharedFiles.photo("cat.bmp"), arithmetic, 30);
            line(String.format(Locale.ROOT, "| %s | %.1f | %.0f | %.2f%% |", arithmetic, cost.inferenceMs(),
                    cost.mapMicros(), cost.mapMicros() / 10 / cost.inferenceMs()));
        }
        line("");
        line(String.format(Locale.ROOT, "Ordering 1000 embeddings of 1280 values by cosine similarity to one: median"
                + " %.2f ms.", ExplainCost.similaritySortMicros(1000, 1280, 200) / 1000));
    }
}
