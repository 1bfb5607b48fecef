package dev.lenslet.server;

import com.deque.html.axecore.selenium.AxeBuilder;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chromium.HasCdp;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Lenslet page in Chromium, through the DOM contract the page implements (ids such as {@code #model-status},
 * {@code #gallery}). Every wait is bounded, and its failure message says what the page showed and logged.
 */
final class LensletPage implements AutoCloseable {
    /** Shards, the TeaVM build and the model load, with room for a slow CI machine. */
    static final Duration MODEL_LOAD = Duration.ofSeconds(60);
    /** Installing the service worker precaches the shell and the model: a few MB from loopback. */
    static final Duration SERVICE_WORKER_INSTALL = Duration.ofSeconds(30);
    /** One photo through the JavaScript build takes a few seconds; Wasm is several times faster. */
    static final Duration CLASSIFY_PHOTO = Duration.ofSeconds(30);

    /** One gallery card, as {@link #CARD_STATE_SCRIPT} reads it. */
    record Card(String title, boolean pending, boolean error, String errorMessage, List<String> labels,
                boolean hasThumbnail) {
        boolean finished() {
            return !pending && (error || !labels.isEmpty());
        }

        String topLabel() {
            return labels.isEmpty() ? null : labels.get(0);
        }
    }

    /** How the page's message on the error card of a text file begins. */
    static String textFileError(String fileName) {
        return fileName + " is not an image (text/plain)";
    }

    private static final String CARD_STATE_SCRIPT = """
            const card = Array.from(document.querySelectorAll('#gallery li.card'))
                .find((card) => (card.querySelector('.card-title')?.textContent ?? '').includes(arguments[0]));
            if (!card) {
              return null;
            }
            return {
              title: card.querySelector('.card-title').textContent.trim(),
              pending: card.classList.contains('pending'),
              error: card.classList.contains('error'),
              errorMessage: card.querySelector('.error-message')?.textContent.trim() ?? '',
              labels: Array.from(card.querySelectorAll('ol.top li .label'), (label) => label.textContent.trim()),
              hasThumbnail: card.querySelector('img.thumb') !== null,
            };
            """;

    /**
     * Drops files the way a person does: a real {@code drop} event whose DataTransfer holds real File objects.
     * Selenium cannot drag from the desktop, so the files come from a temporary file input (the only way to make
     * browser File objects from disk paths) and the drag events are dispatched on the target (the drop zone
     * unless another element is given), from where they bubble up to whatever element the page listens on.
     */
    private static final String DROP_FROM_INPUT_SCRIPT = """
            const input = arguments[0];
            const dataTransfer = new DataTransfer();
            for (const file of input.files) {
              dataTransfer.items.add(file);
            }
            const target = arguments[1] ?? document.getElementById('drop-zone');
            for (const type of ['dragenter', 'dragover', 'drop']) {
              target.dispatchEvent(new DragEvent(type, {bubbles: true, cancelable: true, dataTransfer}));
            }
            input.remove();
            """;

    /** Puts a PNG on the system clipboard with the page's own Clipboard API, as a copy from another app would. */
    private static final String COPY_PNG_SCRIPT = """
            return navigator.clipboard.write([new ClipboardItem({'image/png': arguments[0].files[0]})])
                .then(() => arguments[0].remove());
            """;

    private static final String NEW_FILE_SOURCE_SCRIPT = """
            const input = document.createElement('input');
            input.type = 'file';
            input.multiple = true;
            input.hidden = true;
            document.body.append(input);
            return input;
            """;

    private final WebDriver driver;
    private final List<String> console = new ArrayList<>();

    private LensletPage(WebDriver driver) {
        this.driver = driver;
    }

    /** A new Chromium of {@code testClass}'s own (see {@link Chromium#start}), to be closed by the caller. */
    static LensletPage inNewChromium(Class<?> testClass, String... extraArguments) {
        return new LensletPage(Chromium.start(testClass, extraArguments));
    }

    /** Quits the browser. */
    @Override
    public void close() {
        driver.quit();
    }

    void open(URI uri) {
        driver.get(uri.toString());
    }

    void reload() {
        driver.navigate().refresh();
    }

    /** Waits for "Model ready"; fails at once, with the page's message, if the page reports a model error. */
    void waitForModelReady() {
        waitFor("the model to be ready", MODEL_LOAD, () -> {
            String error = text("#model-error");
            if (!error.isEmpty()) {
                throw new AssertionError("the page reports a model error: " + error + "\n" + diagnostics());
            }
            return text("#model-status").contains("Model ready")
                    && Boolean.TRUE.equals(script("return window.lensletState?.modelReady === true"));
        });
    }

    /** Waits until every classifier worker the page starts has loaded the model (or failed): none still downloads. */
    void waitForAllWorkersSettled() {
        waitFor("every classifier worker to finish loading", MODEL_LOAD,
                () -> Boolean.TRUE.equals(script("return window.lensletState?.workersSettled === true")));
    }

    /** Waits until a service worker controls the page, which it does once it has installed and activated. */
    void waitForServiceWorkerControl() {
        waitFor("a service worker to control the page", SERVICE_WORKER_INSTALL,
                () -> Boolean.TRUE.equals(script("return navigator.serviceWorker.controller !== null")));
    }

    /**
     * Waits until #video plays the camera: frames have arrived and time has moved on, so the start is over and any
     * message about it has been shown.
     */
    void waitForCameraPlaying() {
        waitFor("the camera's video to play", CLASSIFY_PHOTO, () -> Boolean.TRUE.equals(script("""
                const video = document.getElementById('video');
                return video.srcObject !== null && video.readyState >= 2 && video.currentTime > 0;
                """)));
    }

    /** Waits until the page's script runs: its controls are bound by then. */
    void waitForPageScript() {
        waitFor("the page's script to start", MODEL_LOAD,
                () -> Boolean.TRUE.equals(script("return window.lensletState !== undefined")));
    }

    /** Presses Start camera and returns the message the page then shows, spaces collapsed; the camera stays off. */
    String startCameraMessage() {
        element("#camera-toggle").click();
        String message = waitFor("#camera-message to say why the camera did not start", CLASSIFY_PHOTO, () -> {
            String text = text("#camera-message");
            return text.isEmpty() ? null : text;
        });
        if (!text("#camera-toggle").equals("Start camera")) {
            throw new AssertionError("the camera is not off: #camera-toggle says " + text("#camera-toggle"));
        }
        return message.replaceAll("\\s+", " ");
    }

    /** Drops the files on the page, as dragged from the desktop. */
    void drop(Path... files) {
        script(DROP_FROM_INPUT_SCRIPT, fileSource(files), null);
    }

    /** Drops the files on {@code target}, as dragged from the desktop onto it. */
    void dropOn(WebElement target, Path... files) {
        script(DROP_FROM_INPUT_SCRIPT, fileSource(files), target);
    }

    /**
     * Copies the PNG file to the clipboard (granting this page the clipboard first), so that Ctrl+V pastes it:
     * Chromium then hands the paste event the image as a file named image.png.
     */
    void copyToClipboard(Path png) {
        URI page = URI.create(driver.getCurrentUrl());
        String origin = page.getScheme() + "://" + page.getAuthority();
        devTools("Browser.grantPermissions", Map.of("origin", origin,
                "permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
        script(COPY_PNG_SCRIPT, fileSource(png));
    }

    /** Presses Ctrl+V in whatever has the focus. */
    void pasteWithKeyboard() {
        new Actions(driver).keyDown(Keys.CONTROL).sendKeys("v").keyUp(Keys.CONTROL).perform();
    }

    /**
     * A hidden file input of the test's own holding the files, as browser File objects (its {@code files}); the
     * caller removes it.
     */
    WebElement fileSource(Path... files) {
        WebElement input = (WebElement) script(NEW_FILE_SOURCE_SCRIPT);
        input.sendKeys(absolutePaths(files));
        return input;
    }

    WebDriver driver() {
        return driver;
    }

    /** Chooses the files with the page's own file picker, {@code #file-input}. */
    void pick(Path... files) {
        driver.findElement(By.id("file-input")).sendKeys(absolutePaths(files));
    }

    /** Waits for the gallery card whose title names {@code fileName} to show its result or its error. */
    Card finishedCard(String fileName, Duration timeout) {
        return waitFor("the gallery card of " + fileName + " to show a result or an error", timeout, () -> {
            Card card = card(fileName);
            return card != null && card.finished() ? card : null;
        });
    }

    /** The gallery card whose title names {@code fileName}, as it is now, or null if there is none. */
    Card card(String fileName) {
        @SuppressWarnings("unchecked")
        Map<String, Object> state = (Map<String, Object>) script(CARD_STATE_SCRIPT, fileName);
        if (state == null) {
            return null;
        }
        @SuppressWarnings("unchecked")
        List<String> labels = (List<String>) state.get("labels");
        return new Card((String) state.get("title"), (Boolean) state.get("pending"), (Boolean) state.get("error"),
                (String) state.get("errorMessage"), labels, (Boolean) state.get("hasThumbnail"));
    }

    /** The trimmed text of the element {@code selector} picks, or "" if there is none. */
    String text(String selector) {
        return (String) script("return document.querySelector(arguments[0])?.textContent.trim() ?? ''", selector);
    }

    /**
     * What axe-core finds wrong, for accessibility, in the elements {@code selectors} pick: one line per violation
     * with its rule, help text and the elements at fault; empty when there is nothing.
     */
    List<String> accessibilityViolations(String... selectors) {
        AxeBuilder audit = new AxeBuilder();
        for (String selector : selectors) {
            audit.include(selector);
        }
        return audit.analyze(driver).getViolations().stream()
                .map(rule -> rule.getId() + ": " + rule.getHelp() + " at " + rule.getNodes().stream()
                        .map(node -> String.valueOf(node.getTarget())).collect(Collectors.joining(", ")))
                .toList();
    }

    WebElement element(String selector) {
        return driver.findElement(By.cssSelector(selector));
    }

    /**
     * Sends a Chrome DevTools Protocol command through ChromeDriver, for what no web page can do: override the
     * storage quota, clear the HTTP cache, run a script before the page's own.
     */
    Map<String, Object> devTools(String command, Map<String, Object> parameters) {
        return ((HasCdp) driver).executeCdpCommand(command, parameters);
    }

    /** Keys pressed and released on whatever has the focus, as a keyboard user would. */
    Actions keyboard() {
        return new Actions(driver);
    }

    Object script(String javaScript, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(javaScript, arguments);
    }

    /**
     * Polls {@code condition} until it returns true or a non-null value, and returns that; on timeout fails
     * with {@code what} and {@link #diagnostics()}.
     */
    <T> T waitFor(String what, Duration timeout, Supplier<T> condition) {
        return new WebDriverWait(driver, timeout, Duration.ofMillis(200))
                .withMessage(() -> "waiting " + timeout.toSeconds() + " s for " + what + "\n" + diagnostics())
                .until(unused -> condition.get());
    }

    /** What the page shows about its model, and everything it logged to the console so far. */
    String diagnostics() {
        StringBuilder report = new StringBuilder();
        try {
            report.append("#model-status: ").append(text("#model-status"))
                    .append("\n#model-error: ").append(text("#model-error"))
                    .append("\n#build: ").append(text("#build"))
                    .append("\nURL: ").append(driver.getCurrentUrl());
            for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
                console.add(entry.getLevel() + " " + entry.getMessage());
            }
        } catch (WebDriverException e) {
            report.append("\n(the browser did not answer: ").append(e.getMessage().lines().findFirst().orElse(""))
                    .append(')');
        }
        report.append("\nconsole:");
        console.forEach(line -> report.append("\n  ").append(line));
        return report.toString();
    }

    private static String absolutePaths(Path... files) {
        // One path per line selects several files in one multiple file input; ChromeDriver takes only canonical
        // paths (shared/ is found as ../shared).
        return Stream.of(files).map(file -> file.toAbsolutePath().normalize().toString())
                .collect(Collectors.joining("\n"));
    }
}
