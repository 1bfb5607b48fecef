package dev.lenslet.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lenslet.server.http.TestServer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import org.htmlunit.BrowserVersion;
import org.htmlunit.ScriptException;
import org.htmlunit.WebClient;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.HtmlFileInput;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.javascript.SilentJavaScriptErrorListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


/**
 * The page's structure and its plain-script UI in HtmlUnit, which needs no browser install but has no WebAssembly,
 * module workers or fetch: so the model never loads here, and what is tested is what works without it.
 */
class PageStructureIT {
    /** The page's script is TeaVM output, which HtmlUnit's interpreter runs some hundred times slower than Chromium. */
    private static final long SCRIPT_SETTLE_MILLIS = 20_000;
    /** Every id of the DOM contract that the browser tests and the page share. */
    private static final List<String> CONTRACT_IDS = List.of("model-status", "build", "arithmetic", "model-error",
            "camera-toggle", "camera-select", "video", "camera-message", "live-results", "fps", "latency",
            "file-input", "drop-zone", "gallery", "update-banner", "update-reload", "storage-notice");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path temp;

    @AutoClose
    private static TestServer server;

    private WebClient browser;
    /** Script errors from the page's own scripts, collected rather than thrown so that async ones count too. */
    private final List<String> scriptErrors = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void startServer() throws Exception {
        server = TestServer.start();
    }


    @BeforeEach
    void startBrowser() {
        browser = new WebClient(BrowserVersion.CHROME);
        browser.getOptions().setCssEnabled(false);
        browser.getOptions().setThrowExceptionOnScriptError(false);
        browser.setJavaScriptErrorListener(new SilentJavaScriptErrorListener() {
            @Override
            public void scriptException(HtmlPage page, ScriptException e) {
                scriptErrors.add(e.getMessage());
            }
        });
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    @Test
    void everyControlIsPresentAndLabelled() throws IOException {
        HtmlPage page = browser.getPage(server.uri("/").toURL());

        for (String id : CONTRACT_IDS) {
            assertNotNull(page.getElementById(id), "index.html has #" + id);
        }
        List<String> unlabelled = new ArrayList<>();
        for (DomElement control : page.querySelectorAll("button, input, select, textarea, video, progress")
                .stream().map(DomElement.class::cast).toList()) {
            if (accessibleName(page, control).isBlank()) {
                unlabelled.add(control.asXml().lines().findFirst().orElse(""));
            }
        }
        assertEquals(List.of(), unlabelled, "controls without a label, aria-label or text");
        DomElement privacy = page.querySelector(".privacy");
        assertNotNull(privacy, "the page says where the images go");
        assertTrue(privacy.getTextContent().contains("never leave"), privacy.getTextContent());
    }

    @Test
    void manifestIsLinkedAndComplete() throws IOException {
        HtmlPage page = browser.getPage(server.uri("/").toURL());
        DomElement link = page.querySelector("link[rel=manifest]");
        assertNotNull(link, "index.html links the web app manifest");
        URL manifestUrl = page.getFullyQualifiedUrl(link.getAttribute("href"));

        WebResponse response = browser.loadWebResponse(new WebRequest(manifestUrl));
        assertEquals(200, response.getStatusCode());
        assertEquals("application/manifest+json", response.getContentType());
        // Browsers read manifests as UTF-8 whatever the header says (the server sends no charset).
        JsonNode manifest = JSON.readTree(response.getContentAsString(StandardCharsets.UTF_8));

        assertEquals("Lenslet — on-device image classifier", manifest.get("name").asText());
        assertEquals("Lenslet", manifest.get("short_name").asText());
        assertEquals("/", manifest.get("id").asText());
        assertEquals("/", manifest.get("start_url").asText());
        assertEquals("/", manifest.get("scope").asText());
        assertEquals("standalone", manifest.get("display").asText());
        for (String field : List.of("theme_color", "background_color")) {
            assertTrue(manifest.path(field).asText().matches("#[0-9a-fA-F]{6}"), field + ": " + manifest.get(field));
        }
        assertFalse(manifest.path("description").asText().isBlank(), "description");
        Set<String> sizesAndPurposes = new TreeSet<>();
        for (JsonNode icon : manifest.get("icons")) {
            String size = icon.get("sizes").asText();
            String purpose = icon.get("purpose").asText();
            BufferedImage image = fetchPng(new URL(manifestUrl, icon.get("src").asText()));
            assertEquals(size, image.getWidth() + "x" + image.getHeight(), icon.toString());
            if (purpose.equals("maskable")) {
                assertOnlyBackgroundOutsideSafeZone(image, icon.toString());
            }
            sizesAndPurposes.add(size + " " + purpose);
        }
        assertEquals(new TreeSet<>(List.of("192x192 any", "512x512 any", "192x192 maskable", "512x512 maskable")),
                sizesAndPurposes);
    }

    @Test
    void serviceWorkerIsJavaScript() throws IOException {
        WebResponse response = browser.loadWebResponse(new WebRequest(server.uri("/sw.js").toURL()));

        assertEquals(200, response.getStatusCode());
        assertEquals("text/javascript", response.getContentType());
        assertTrue(response.getContentAsString().contains("addEventListener('fetch'"), "sw.js handles fetches");
    }

    @Test
    void pageScriptRunsAndATextFileGetsAnErrorCard() throws IOException {
        Path notes = Files.writeString(temp.resolve("notes.txt"), "shopping list: milk, eggs\n");
        HtmlPage page = browser.getPage(server.uri("/").toURL());
        // Without fetch the page cannot load a model: it says so, and that is its settled state here.
        waitFor("js/page.js to publish window.lensletState and settle its workers", () -> Boolean.TRUE.equals(
                page.executeJavaScript("window.lensletState && window.lensletState.workersSettled === true").getJavaScriptResult()));
        assertEquals(List.of(), scriptErrors, "script errors while the page started");

        HtmlFileInput input = (HtmlFileInput) page.getElementById("file-input");
        input.setFiles(notes.toFile());
        input.fireEvent("change");

        DomElement card = waitFor("the text file to get an error card",
                () -> page.querySelector("#gallery li.card.error:not(.pending)"));
        DomElement errorMessage = page.querySelector("#gallery li.card.error .error-message");
        assertNotNull(errorMessage, card.asXml());
        String message = errorMessage.getTextContent();
        assertTrue(message.startsWith(LensletPage.textFileError("notes.txt")), message);
        assertEquals(List.of(), scriptErrors, "script errors while the file was taken");
    }

    /**
     * Runs the page's scripts until {@code condition} gives true or a non-null value, and returns that; fails with
     * {@code what} and the gallery's markup if it has not within {@link #SCRIPT_SETTLE_MILLIS}.
     */
    private <T> T waitFor(String what, Supplier<T> condition) {
        long deadline = System.nanoTime() + SCRIPT_SETTLE_MILLIS * 1_000_000;
        while (true) {
            T value = condition.get();
            if (value != null && !Boolean.FALSE.equals(value)) {
                return value;
            }
            assertTrue(System.nanoTime() < deadline, () -> "waited " + SCRIPT_SETTLE_MILLIS + " ms for " + what
                    + "; script errors: " + scriptErrors);
            // Returns as soon as the page's pending jobs are done, or after at most this long: a polling step.
            browser.waitForBackgroundJavaScript(100);
        }
    }

    /** The name a screen reader announces, in the forms the page uses. */
    private static String accessibleName(HtmlPage page, DomElement control) {
        String ariaLabel = control.getAttribute("aria-label");
        if (!ariaLabel.isBlank()) {
            return ariaLabel;
        }
        String labelledBy = control.getAttribute("aria-labelledby");
        if (!labelledBy.isBlank()) {
            return page.getElementById(labelledBy).getTextContent();
        }
        String id = control.getAttribute("id");
        DomElement label = id.isEmpty() ? null : page.querySelector("label[for='" + id + "']");
        if (label != null) {
            return label.getTextContent();
        }
        return control.getTagName().equals("button") ? control.getTextContent() : "";
    }

    private BufferedImage fetchPng(URL url) throws IOException {
        WebResponse response = browser.loadWebResponse(new WebRequest(url));
        assertEquals(200, response.getStatusCode(), url.toString());
        assertEquals("image/png", response.getContentType(), url.toString());
        try (InputStream png = response.getContentAsStream()) {
            BufferedImage image = ImageIO.read(png);
            assertNotNull(image, url + " is a PNG");
            return image;
        }
    }

    /**
     * A maskable icon is cut to the platform's shape, which may keep no more than the circle of 80% of its width:
     * everything outside that circle must be plain, opaque background.
     */
    private static void assertOnlyBackgroundOutsideSafeZone(BufferedImage icon, String what) {
        int background = icon.getRGB(0, 0);
        assertEquals(0xff, background >>> 24, what + ": the background is opaque");
        double centre = icon.getWidth() / 2.0;
        double safeRadius = 0.4 * icon.getWidth();
        for (int y = 0; y < icon.getHeight(); y++) {
            for (int x = 0; x < icon.getWidth(); x++) {
                if (Math.hypot(x + 0.5 - centre, y + 0.5 - centre) > safeRadius) {
                    assertEquals(background, icon.getRGB(x, y),
                            what + ": pixel " + x + "," + y + " is outside the safe zone");
                }
            }
        }
    }
}
