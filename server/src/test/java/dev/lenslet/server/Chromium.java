package dev.lenslet.server;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;


/**
 * Starts Debian's headless Chromium through its matching ChromeDriver, with nothing fetched from the network:
 * both paths are given, so Selenium Manager (which would look for or download a browser) is never consulted.
 */
final class Chromium {
    private static final Path BROWSER = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final String NOT_INSTALLED =
            "Chromium/ChromeDriver not installed: .ci/run installs them with apt-get";
    /**
     * The tests send DevTools commands only through ChromeDriver ({@link LensletPage#devTools}), never over
     * Selenium's versioned CDP bindings, so its warning that it has none for this Chromium version is noise. Held here because JUL keeps loggers only weakly, and with them their level.
     */
    private static final Logger CDP_VERSION_FINDER = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    private Chromium() {
    }

    /**
     * Fails the test under CI (which must have installed the browser) and skips it elsewhere, when Chromium or
     * ChromeDriver is missing.
     */
    private static void assumeInstalled() {
        if (Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER)) {
            return;
        }
        if ("true".equals(System.getenv("CI"))) {
            fail(NOT_INSTALLED);
        }
        Assumptions.abort(NOT_INSTALLED);
    }

    /**
     * A new browser with a fresh profile of its own in {@code target/chromium-profiles/<test class>}: no service
     * worker, cache or permission is left over from an earlier run.
     *
     * @param extraArguments more command-line switches, such as the fake camera's
     */
    static ChromeDriver start(Class<?> testClass, String... extraArguments) {
        assumeInstalled();
        // Should Selenium consult Selenium Manager after all, it must not try the network (it reads SE_* properties).
        System.setProperty("SE_OFFLINE", "true");
        CDP_VERSION_FINDER.setLevel(Level.SEVERE);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        List<String> arguments = new ArrayList<>(List.of(
                "--headless=new",
                "--no-sandbox", // Chromium's sandbox refuses to run as root, which CI is
                "--disable-gpu",
                // This machine has no network: without these Chromium keeps trying Google's hosts.
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--window-size=1280,900",
                "--user-data-dir=" + freshProfile(testClass)));
        arguments.addAll(List.of(extraArguments));
        options.addArguments(arguments);
        // Keeps console messages (page and worker) for failure reports.
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    /** Switches that give the page a camera playing {@code y4mVideo} and grant it without asking. */
    static String[] fakeCamera(Path y4mVideo) {
        return new String[] {
                "--use-fake-device-for-media-stream",
                "--use-fake-ui-for-media-stream",
                "--use-file-for-fake-video-capture=" + y4mVideo.toAbsolutePath()};
    }

    private static Path freshProfile(Class<?> testClass) {
        Path profile = Path.of("target", "chromium-profiles", testClass.getSimpleName()).toAbsolutePath();
        try {
            if (Files.exists(profile)) {
                try (Stream<Path> files = Files.walk(profile)) {
                    for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(file);
                    }
                }
            }
            return Files.createDirectories(profile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a fresh Chromium profile in " + profile, e);
        }
    }
}
