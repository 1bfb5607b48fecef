package dev.lenslet.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lenslet.server.http.TestServer;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;


/**
 * /bench.html works end to end in Chromium, in float and in integer arithmetic: the real worker loads the real
 * shards and reports its figures. It proves the page, not the speed: no timing is compared here (the bench profile
 * measures it and checks how the figures relate).
 */
class BenchPageIT {
    @AutoClose
    private static TestServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = TestServer.start();
    }

    @ParameterizedTest
    @ValueSource(strings = {"float", "int"})
    void wasmBenchmarkReportsItsRunsAndTheWholeDownload(String arith) throws Exception {
        BenchPage.Result result = BenchPage.run(BenchPageIT.class, server, "wasm", arith, 3, LensletPage.MODEL_LOAD);

        assertNull(result.error(), "bench.js reports no error");
        assertEquals("int".equals(arith) ? "wasm+simd" : "wasm", result.build(),
                "integer arithmetic runs on the SIMD kernels in Chromium, float on the Java kernels");
        assertEquals(arith, result.arith());
        assertEquals(3, result.runs());
        // Reported, not judged: how the figures relate is the bench profile's business (BenchmarkSuite checks it).
        assertTrue(Double.isFinite(result.medianMs()) && Double.isFinite(result.minMs())
                && Double.isFinite(result.firstPredictionMs()), result::toString);
        long modelBytes = Files.size(SharedFiles.MODEL);
        assertTrue(result.bytesTransferred() > modelBytes,
                "bytes transferred (" + result.bytesTransferred() + ") include the model's shards (" + modelBytes + ")");
        assertNotNull(result.top(), "the fixed input gets a top class");
    }

    @ParameterizedTest
    @ValueSource(strings = {"float", "int"})
    void layerProfileTimesEveryLayerOnce(String arith) {
        BenchPage.Result result = BenchPage.runProfiled(BenchPageIT.class, server, "wasm", arith, 2,
                LensletPage.MODEL_LOAD);

        assertNull(result.error(), "bench.js reports no error");
        assertEquals(arith, result.arith());
        List<BenchPage.LayerTime> layers = result.layers();
        List<BenchPage.LayerTime> kinds = result.kinds();
        assertTrue(layers.size() > 50, layers.size() + " layers (MobileNetV2 has 66)");
        assertEquals(layers.size(), kinds.stream().mapToInt(kind -> Integer.parseInt(kind.what())).sum(),
                "every layer counted in its kind: " + kinds);
        assertEquals(layers.stream().mapToLong(BenchPage.LayerTime::multiplyAdds).sum(),
                kinds.stream().mapToLong(BenchPage.LayerTime::multiplyAdds).sum());
        assertTrue(layers.stream().allMatch(layer -> Double.isFinite(layer.meanMs())
                && Double.isFinite(layer.medianMs())), layers::toString);
        assertEquals("pointwise", kinds.stream().max(Comparator.comparingLong(BenchPage.LayerTime::multiplyAdds))
                .orElseThrow().kind(), "1x1 convolutions hold most of MobileNetV2's multiply-adds");
    }

    /**
     * The integer kernels' bit tricks (packed lanes, the double-to-int conversion by adding 1.5·2^52) rely on how
     * TeaVM translates long and double operations; the JVM tests cover the Java, and Wasm runs it by the same
     * rules, but TeaVM's JavaScript emulates them. The same input must get the same class in both builds.
     */
    @Test
    void javaScriptBuildComputesIntegerArithmeticAsWasmDoes() {
        BenchPage.Result js = BenchPage.run(BenchPageIT.class, server, "js", "int", 1, LensletPage.MODEL_LOAD);
        BenchPage.Result wasm = BenchPage.run(BenchPageIT.class, server, "wasm", "int", 1, LensletPage.MODEL_LOAD);

        assertNull(js.error(), "bench.js reports no error");
        assertEquals("int", js.arith());
        assertNotNull(wasm.top(), "the fixed input gets a top class");
        assertEquals(wasm.top(), js.top(), "the top class in integer arithmetic, JavaScript against Wasm");
    }
}
