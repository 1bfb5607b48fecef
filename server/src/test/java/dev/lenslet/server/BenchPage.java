package dev.lenslet.server;

import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * /bench.html in a fresh Chromium (cold cache, so the first prediction includes every download): waits for
 * {@code window.benchResult} and returns it.
 */
final class BenchPage {
    /** What bench.js reports; {@code error} is null unless the page failed. */
    record Result(String build, String arith, long runs, double medianMs, double minMs, double firstPredictionMs,
                  long bytesTransferred, String top, String error) {
    }

    private BenchPage() {
    }

    /**
     * @param arith   the network's arithmetic: "float" or "int"
     * @param timeout for the whole page: downloads, model load and every run (the JS build is several times slower)
     */
    static Result run(Class<?> owner, TestServer server, String build, String arith, int runs, Duration timeout) {
        ChromeDriver driver = Chromium.start(owner);
        try {
            driver.get(server.uri("/bench.html?build=" + build + "&arith=" + arith + "&runs=" + runs).toString());
            Object found = new WebDriverWait(driver, timeout, Duration.ofMillis(250))
                    .withMessage(() -> "waiting " + timeout.toSeconds() + " s for window.benchResult on "
                            + driver.getCurrentUrl() + "; #bench-status: " + status(driver))
                    .until(unused -> ((JavascriptExecutor) driver).executeScript("return window.benchResult"));
            @SuppressWarnings("unchecked")
            Map<String, Object> result = (Map<String, Object>) found;
            return new Result((String) result.get("build"), (String) result.get("arith"), number(result, "runs").longValue(),
                    number(result, "medianMs").doubleValue(), number(result, "minMs").doubleValue(),
                    number(result, "firstPredictionMs").doubleValue(), number(result, "bytesTransferred").longValue(),
                    (String) result.get("top"), (String) result.get("error"));
        } finally {
            driver.quit();
        }
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
