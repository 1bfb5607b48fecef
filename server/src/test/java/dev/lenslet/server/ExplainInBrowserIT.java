package dev.lenslet.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lenslet.core.Arithmetic;
import dev.lenslet.core.Classifier;
import dev.lenslet.core.Prediction;
import dev.lenslet.core.explain.MapSummary;
import dev.lenslet.core.image.Crop;
import dev.lenslet.core.image.Region;
import dev.lenslet.core.kernel.KernelSet;
import dev.lenslet.server.http.TestServer;
import dev.lenslet.server.image.ImageDecoder;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * "Where it looked" and "Similar photos" in Chromium against the real model: a photo pasted into one corner of a
 * grey canvas gets its map's peak in that corner, in both builds (Wasm: integer arithmetic, JS: float), and the
 * page's maps equal the JVM's for the same image, crop and arithmetic; "Similar photos" puts a photo of the same
 * subject first; the controls pass axe-core and are worked with the keyboard.
 */
class ExplainInBrowserIT {
    /**
     * The canvas's side and the pasted photo's: a quarter of the canvas, so that the photo, not the grey, decides
     * the class (a smaller cat on more grey is a "Band Aid"), with squash and centre crop alike.
     */
    private static final int CANVAS = 480, PHOTO = 240;
    /** Maps are scaled to 0..1; the page's and the JVM's differ only by float rounding and JSON. */
    private static final double MAP_TOLERANCE = 0.02;
    private static final List<String> CORNERS = List.of("upper-left", "upper-right", "lower-left", "lower-right");

    @TempDir
    static Path temp;
    /** The photo in each of {@link #CORNERS}, as PNG files. */
    private static Path[] cornerImages;

    @AutoClose
    private static TestServer server;
    @AutoClose
    private static LensletPage page;

    @BeforeAll
    static void startBrowserAndServer() throws Exception {
        BufferedImage photo = ImageIO.read(SharedFiles.photo("cat.bmp").toFile());
        cornerImages = new Path[CORNERS.size()];
        for (int i = 0; i < CORNERS.size(); i++) {
            cornerImages[i] = pasteInCorner(photo, CORNERS.get(i));
        }
        // The camera films the cat in the upper left corner.
        Path cameraVideo = FakeCameraVideo.write(cornerImages[0], temp.resolve("cat-upper-left.y4m"));
        page = LensletPage.inNewChromium(ExplainInBrowserIT.class, Chromium.fakeCamera(cameraVideo));
        server = TestServer.start();
    }

    @Test
    void webAssemblyMapsPeakWhereThePhotoIsAndEqualTheJvmsInIntegerArithmetic() throws Exception {
        assertCornerMaps("/?build=wasm", "integer", Arithmetic.INTEGER);
    }

    @Test
    void javaScriptMapsPeakWhereThePhotoIsAndEqualTheJvmsInFloatArithmetic() throws Exception {
        assertCornerMaps("/?build=js", "float", Arithmetic.FLOAT);
    }

    @Test
    void similarPhotosPutsTheSameSubjectFirstAndTheOrderComesBack() {
        page.open(server.uri("/"));
        page.waitForModelReady();
        String[] names = {"cat.bmp", "cat_720p.jpg", "grace_hopper.jpg", "hot_dog.jpg", "parrot.jpg", "burger.jpg"};
        page.drop(Arrays.stream(names).map(SharedFiles::photo).toArray(Path[]::new));
        for (String name : names) {
            page.waitFor(name + "'s Similar photos button", LensletPage.CLASSIFY_PHOTO,
                    () -> cardScript(name, "return card.querySelector('.similar-button') !== null"));
        }
        List<String> arrivalOrder = cardTitles();

        cardElementClick("cat.bmp", ".similar-button");

        page.waitFor("the gallery to be ordered by similarity", LensletPage.CLASSIFY_PHOTO,
                () -> page.text("#gallery-order-status").contains("similarity to cat.bmp"));
        List<String> ordered = cardTitles();
        assertEquals("cat.bmp", ordered.get(0), ordered.toString());
        assertEquals("cat_720p.jpg", ordered.get(1), "the same cat comes before unrelated photos: " + ordered);
        for (String name : names) {
            String similarity = cardText(name, ".similarity");
            assertTrue(name.equals("cat.bmp") ? similarity.equals("The photo compared")
                    : similarity.matches("\\d{1,3}% similar"), name + ": " + similarity);
        }
        assertTrue(Boolean.TRUE.equals(cardScript("cat.bmp",
                "return document.activeElement === card.querySelector('.similar-button')")),
                "the focus stays on the button that was pressed");
        assertEquals(List.of(), page.accessibilityViolations("#gallery", ".gallery-order"));

        page.element("#gallery-order-reset").sendKeys(Keys.ENTER);

        page.waitFor("the original order", LensletPage.CLASSIFY_PHOTO, () -> cardTitles().equals(arrivalOrder));
        assertTrue(page.text("#gallery-order-status").contains("order they were added"));
    }

    @Test
    void whereItLookedIsKeyboardOperableAndPassesTheAudit() {
        page.open(server.uri("/"));
        page.waitForModelReady();
        page.pick(SharedFiles.photo("cat.bmp"));
        page.waitFor("the Where it looked button", LensletPage.CLASSIFY_PHOTO,
                () -> cardScript("cat.bmp", "return card.querySelector('.map-toggle') !== null"));

        cardElement("cat.bmp", ".map-toggle").sendKeys(Keys.ENTER);

        page.waitFor("the map over the thumbnail", LensletPage.CLASSIFY_PHOTO,
                () -> cardScript("cat.bmp", "return !card.querySelector('canvas.map-overlay').hidden"));
        String label = overlayLabel("cat.bmp");
        assertTrue(label.matches("Where it looked for Egyptian cat: (mostly the .+|spread over the whole image)"),
                label);
        assertEquals("true", cardElement("cat.bmp", ".map-toggle").getDomAttribute("aria-pressed"));

        String second = cardText("cat.bmp", "ol.top li:nth-child(2) .label");
        cardElement("cat.bmp", "ol.top li:nth-child(2) .result-choice").sendKeys(Keys.SPACE);

        page.waitFor("the map of the second class", LensletPage.CLASSIFY_PHOTO,
                () -> overlayLabel("cat.bmp").startsWith("Where it looked for " + second + ": "));
        assertEquals("true",
                cardElement("cat.bmp", "ol.top li:nth-child(2) .result-choice").getDomAttribute("aria-pressed"));
        assertTrue(cardText("cat.bmp", ".map-note").startsWith("Where it looked for " + second + ": "),
                "the note under the photo says it in words too");
        assertEquals(List.of(), page.accessibilityViolations("#gallery"));
    }

    @Test
    void liveSwitchDrawsTheMapOverTheCameraPreviewUntilSwitchedOff() {
        page.open(server.uri("/"));
        page.waitForModelReady();
        page.element("#camera-toggle").click();
        page.waitFor("live results", LensletPage.CLASSIFY_PHOTO,
                () -> !page.text("#live-results li .label").isEmpty());

        page.element("#live-map").sendKeys(Keys.SPACE);

        page.waitFor("the live map over the preview", LensletPage.CLASSIFY_PHOTO, () -> Boolean.TRUE.equals(
                page.script("return !document.querySelector('.video-frame canvas.map-overlay').hidden")));
        String label = (String) page.script(
                "return document.querySelector('.video-frame canvas.map-overlay').getAttribute('aria-label')");
        assertTrue(label.matches("Where it looked for .+: mostly the upper left"), label);
        long frames = (Long) page.script("return window.lensletState.framesClassified");
        page.waitFor("more frames with the map on", LensletPage.CLASSIFY_PHOTO,
                () -> (Long) page.script("return window.lensletState.framesClassified") > frames + 5);
        assertEquals(List.of(), page.accessibilityViolations(".camera-panel"));

        page.element("#live-map").sendKeys(Keys.SPACE);

        page.waitFor("the live map to go", LensletPage.CLASSIFY_PHOTO, () -> Boolean.TRUE.equals(
                page.script("return document.querySelector('.video-frame canvas.map-overlay').hidden")));
        page.element("#camera-toggle").click();
    }

    /** Each corner image, classified by the page, shows the map's peak in its corner and equals the JVM's map. */
    private static void assertCornerMaps(String path, String arithmetic, Arithmetic jvmArithmetic) throws Exception {
        page.open(server.uri(path));
        page.waitForModelReady();
        assertEquals(arithmetic, page.text("#arithmetic"));
        page.pick(cornerImages);
        Classifier jvm = Classifier.load(Files.readAllBytes(SharedFiles.MODEL), null, jvmArithmetic,
                KernelSet.REGISTER_BLOCKED);
        for (int i = 0; i < CORNERS.size(); i++) {
            String name = cornerImages[i].getFileName().toString();
            page.waitFor(name + "'s Where it looked button", LensletPage.CLASSIFY_PHOTO,
                    () -> cardScript(name, "return card.querySelector('.map-toggle') !== null"));
            cardElementClick(name, ".map-toggle");
            PageMap map = pageMap(name);

            assertPeakIn(CORNERS.get(i), map, name + " in " + arithmetic + ": " + map);
            assertEqualsJvm(jvm, cornerImages[i], map);
        }
    }

    private static void assertPeakIn(String corner, PageMap map, String message) {
        int peak = 0;
        for (int p = 1; p < map.values.length; p++) {
            peak = map.values[p] > map.values[peak] ? p : peak;
        }
        int x = peak % map.width, y = peak / map.width;
        // The corner's cells: those wholly on its side of the middle row and column.
        boolean left = 2 * x + 1 < map.width, right = 2 * x + 1 > map.width;
        boolean upper = 2 * y + 1 < map.height, lower = 2 * y + 1 > map.height;
        boolean inCorner = switch (corner) {
            case "upper-left" -> upper && left;
            case "upper-right" -> upper && right;
            case "lower-left" -> lower && left;
            default -> lower && right;
        };
        assertTrue(inCorner, "peak at cell (" + x + ", " + y + ") is not in the " + corner + ": " + message);
        assertTrue(map.label.contains(corner.replace('-', ' ')),
                "the text alternative names the corner: " + map.label);
    }

    /** The JVM's map of the page's top class on the same pixels with the page's crop, scaled to 0..1. */
    private static void assertEqualsJvm(Classifier jvm, Path image, PageMap map) throws Exception {
        Crop crop = map.region[2] > 0.999 ? Crop.SQUASH : Crop.CENTER;
        List<Prediction> top = jvm.classify(ImageDecoder.decode(Files.readAllBytes(image), Long.MAX_VALUE), crop, 1);
        assertTrue(map.label.startsWith("Where it looked for " + top.get(0).label() + ": "),
                "the JVM's top class is the page's: " + top + " / " + map.label);
        Region region = jvm.inputRegion();
        double[] jvmRegion = {region.left / CANVAS, region.top / CANVAS, region.width / CANVAS, region.height / CANVAS};
        for (int i = 0; i < 4; i++) {
            assertEquals(jvmRegion[i], map.region[i], 1e-4, "region " + Arrays.toString(map.region));
        }
        float[] expected = jvm.activationMap(top.get(0).index());
        MapSummary.scaleToUnit(expected, jvm.mapWidth() * jvm.mapHeight());
        assertEquals(jvm.mapWidth(), map.width);
        assertEquals(jvm.mapHeight(), map.height);
        for (int p = 0; p < expected.length; p++) {
            assertEquals(expected[p], map.values[p], MAP_TOLERANCE, image.getFileName() + " cell " + p);
        }
    }

    private record PageMap(int width, int height, double[] values, double[] region, String label) {
        @Override
        public String toString() {
            return label + " " + width + "x" + height + " " + Arrays.toString(values);
        }
    }

    private static PageMap pageMap(String name) {
        page.waitFor(name + "'s map over its thumbnail", LensletPage.CLASSIFY_PHOTO, () -> cardScript(name,
                "const c = card.querySelector('canvas.map-overlay'); return !c.hidden && !!c.dataset.values"));
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) cardScript(name, """
                const c = card.querySelector('canvas.map-overlay');
                return {width: c.dataset.width, height: c.dataset.height, values: c.dataset.values,
                        region: c.dataset.region, label: c.getAttribute('aria-label'), role: c.getAttribute('role')};
                """);
        assertEquals("img", map.get("role"), "the overlay is an image to assistive technology");
        return new PageMap(Integer.parseInt((String) map.get("width")), Integer.parseInt((String) map.get("height")),
                numbers((String) map.get("values")), numbers((String) map.get("region")), (String) map.get("label"));
    }

    private static double[] numbers(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).mapToDouble(Double::parseDouble).toArray();
    }

    /** {@code photo} scaled to PHOTO × PHOTO, pasted into a corner of a plain grey canvas. */
    private static Path pasteInCorner(BufferedImage photo, String corner) throws Exception {
        BufferedImage canvas = new BufferedImage(CANVAS, CANVAS, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        g.setColor(new Color(128, 128, 128));
        g.fillRect(0, 0, CANVAS, CANVAS);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        int x = corner.endsWith("left") ? 0 : CANVAS - PHOTO;
        int y = corner.startsWith("upper") ? 0 : CANVAS - PHOTO;
        g.drawImage(photo, x, y, PHOTO, PHOTO, null);
        g.dispose();
        Path file = temp.resolve("cat-" + corner + ".png");
        ImageIO.write(canvas, "png", file.toFile());
        return file;
    }

    private static List<String> cardTitles() {
        @SuppressWarnings("unchecked")
        List<String> titles = (List<String>) page.script("return Array.from(document.querySelectorAll("
                + "'#gallery li.card .card-title'), (title) => title.textContent.trim())");
        return titles;
    }

    /** Runs {@code body} with {@code card} the gallery card titled {@code name}, and arguments[1] {@code argument}. */
    private static Object cardScript(String name, String body, Object... argument) {
        return page.script("const card = Array.from(document.querySelectorAll('#gallery li.card')).find((c) =>"
                + " c.querySelector('.card-title').textContent.trim() === arguments[0]);"
                + "if (!card) { return null; }\n" + body, name, argument.length > 0 ? argument[0] : null);
    }

    private static WebElement cardElement(String name, String selector) {
        return (WebElement) cardScript(name, "return card.querySelector(arguments[1]);", selector);
    }

    private static void cardElementClick(String name, String selector) {
        cardElement(name, selector).click();
    }

    private static String cardText(String name, String selector) {
        return (String) cardScript(name, "return card.querySelector(arguments[1]).textContent.trim();", selector);
    }

    private static String overlayLabel(String name) {
        return (String) cardScript(name, "return card.querySelector('canvas.map-overlay').getAttribute('aria-label')");
    }
}
