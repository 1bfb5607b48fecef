package dev.lenslet.server;

import dev.lenslet.server.http.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * /bench.html in a fresh Chromium (cold cache, so the first prediction includes every download): waits for
 * {@code window.benchResult} and returns it.
 */
final class BenchPage {
    /**
     * What bench.js reports; {@code error} is null unless the page failed. {@code layers} (in the order they run)
     * and {@code kinds} (slowest first) are empty unless the page was asked to profile them.
     */
    record Result(String build, String arith, long runs, double medianMs, double minMs, double firstPredictionMs,
                  long bytesTransferred, String top, String error, List<LayerTime> layers, List<LayerTime> kinds) {
    }

    /**
     * One layer's time alone, or the sum over the layers of one kind. {@code what}: the layer's shapes, or for a
     * kind how many layers it has. On a busy machine the minimum is the steadiest figure.
     */
    record LayerTime(String kind, String what, long multiplyAdds, double medianMs, double meanMs, double minMs) {
        /** Billions of multiply-adds per second, by the mean time; 0 for layers without multiply-adds. */
        double gmacPerSecond() {
            return multiplyAdds / meanMs / 1e6;
        }
    }

    /** The build argument for the WebAssembly build with ?simd=0: its integer network on the Java kernels. */
    static final String WASM_WITHOUT_SIMD = "wasm&simd=0";

    private BenchPage() {
    }

    /**
     * @param build   "wasm", "js" or {@link #WASM_WITHOUT_SIMD}
     * @param arith   the network's arithmetic: "float" or "int"
     * @param timeout for the whole page: downloads, model load and every run (the JS build is several times slower)
     */
    static Result run(Class<?> owner, TestServer server, String build, String arith, int runs, Duration timeout) {
        return run(owner, server, "/bench.html?build=" + build + "&arith=" + arith + "&runs=" + runs, timeout);
    }

    /** As {@link #run}, then times each layer as many times. */
    static Result runProfiled(Class<?> owner, TestServer server, String build, String arith, int runs,
                              Duration timeout) {
        return run(owner, server, "/bench.html?build=" + build + "&arith=" + arith + "&runs=" + runs
                + "&profile=layers", timeout);
    }

    private static Result run(Class<?> owner, TestServer server, String page, Duration timeout) {
        ChromeDriver driver = Chromium.start(owner);
        try {
            driver.get(server.uri(page).toString());
            Object found = new WebDriverWait(driver, timeout, Duration.ofMillis(250))
                    .withMessage(() -> "waiting " + timeout.toSeconds() + " s for window.benchResult on "
                            + driver.getCurrentUrl() + "; #bench-status: " + status(driver))
                    .until(unused -> ((JavascriptExecutor) driver).executeScript("return window.benchResult"));
            @SuppressWarnings("unchecked")
            Map<String, Object> result = (Map<String, Object>) found;
            return new Result((String) result.get("build"), (String) result.get("arith"),
                    number(result, "runs").longValue(),
                    number(result, "medianMs").doubleValue(), number(result, "minMs").doubleValue(),
                    number(result, "firstPredictionMs").doubleValue(), number(result, "bytesTransferred").longValue(),
                    (String) result.get("top"), (String) result.get("error"),
                    layerTimes(result.get("layers"), "shape"), layerTimes(result.get("kinds"), "layers"));
        } finally {
            driver.quit();
        }
    }

    /** bench.js's layers or kinds; {@code what} names the field that says what each entry is. */
    private static List<LayerTime> layerTimes(Object entries, String what) {
        if (!(entries instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().map(entry -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> time = (Map<String, Object>) entry;
            return new LayerTime((String) time.get("kind"), String.valueOf(time.get(what)),
                    number(time, "multiplyAdds").longValue(), number(time, "medianMs").doubleValue(),
                    number(time, "meanMs").doubleValue(), number(time, "minMs").doubleValue());
        }).toList();
    }

    private static Number number(Map<String, Object> result, String key) {
        Object value = result.get(key);
        return value instanceof Number n ? n : Double.NaN;
    }

    private static String status(ChromeDriver driver) {
        return String.valueOf(driver.executeScript(
                "return document.getElementById('bench-status')?.textContent"));
    }
}
