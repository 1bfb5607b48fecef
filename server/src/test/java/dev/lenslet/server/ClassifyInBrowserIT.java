package dev.lenslet.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lenslet.server.http.ServerConfig;
import dev.lenslet.server.http.TestServer;
import dev.lenslet.server.image.OddImageFiles;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;


/**
 * The page in Chromium against the real server and model: the fake camera, dropped and picked photos, both
 * TeaVM builds. One server and one browser serve all tests; each test loads the page afresh. Photos are checked
 * against shared/'s expected labels, which hold for the whole image squashed: those pages open with ?crop=none.
 */
class ClassifyInBrowserIT {
    /** From the first frame to a stable result, including starting the camera. */
    private static final Duration LIVE_RESULT = Duration.ofSeconds(20);
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:\\.\\d+)?");
    /** The page classifying whole images, as shared/'s expected labels were made. */
    private static final String WHOLE_IMAGES = "/?crop=none";

    @TempDir
    static Path temp;

    @AutoClose
    private static TestServer server;
    @AutoClose
    private static LensletPage page;

    @BeforeAll
    static void startBrowserAndServer() throws Exception {
        Path catVideo = FakeCameraVideo.write(SharedFiles.photo("cat.bmp"), temp.resolve("cat.y4m"));
        page = LensletPage.inNewChromium(ClassifyInBrowserIT.class, Chromium.fakeCamera(catVideo));
        server = TestServer.start();
    }


    @Test
    void cameraPointedAtTheCatShowsEgyptianCatLive() {
        page.open(server.uri("/"));
        page.waitForModelReady();
        assertEquals("Start camera", page.text("#camera-toggle"));

        page.element("#camera-toggle").click();

        page.waitFor("the top live result to be Egyptian cat", LIVE_RESULT,
                () -> "Egyptian cat".equals(page.text("#live-results li .label")));
        page.waitFor("#fps to show a rate above 0", LIVE_RESULT, () -> {
            Double rate = firstNumber(page.text("#fps"));
            return rate != null && rate > 0;
        });
        assertTrue(firstNumber(page.text("#latency")) != null, "#latency shows a time: " + page.text("#latency"));
        assertTrue(page.element("#live-results li meter.bar").isDisplayed(), "each live result has its score bar");
        assertFalse(page.text("#live-results li .score").isEmpty(), "each live result shows its score");
        assertTrue(page.element("#camera-select").findElements(By.tagName("option")).size() >= 1,
                "#camera-select lists the fake camera");
        long frames = (Long) page.script("return window.lensletState.framesClassified");
        assertTrue(frames > 0, "window.lensletState.framesClassified counts the classified frames: " + frames);
    }

    @Test
    void droppedAndPickedPhotosAreClassifiedWithWebAssembly() {
        page.open(server.uri(WHOLE_IMAGES));
        page.waitForModelReady();

        assertEquals("wasm+simd", page.text("#build"), "Chromium supports Wasm GC and SIMD128, so the page picks"
                + " that build and runs its integer network on the SIMD kernels");
        assertEquals("wasm+simd", page.script("return window.lensletState.build"));
        assertEquals("integer", page.text("#arithmetic"), "Wasm classifies a uint8 model in integer arithmetic");
        assertEquals("integer", page.script("return window.lensletState.arithmetic"));
        assertPhotosGetTheirClasses();
    }

    @Test
    void withoutSimdTheWebAssemblyBuildClassifiesOnItsJavaKernels() {
        page.open(server.uri(WHOLE_IMAGES + "&simd=0"));
        page.waitForModelReady();

        assertEquals("wasm", page.text("#build"), "?simd=0 keeps the integer network on the Java kernels");
        assertEquals("integer", page.text("#arithmetic"));
        assertPhotosGetTheirClasses();
    }

    /** A model integer arithmetic cannot run exactly (int8, a scale per channel) runs in float in Wasm too. */
    @Test
    void perChannelModelRunsInFloatArithmeticWithWebAssembly() throws Exception {
        ServerConfig perChannel = ServerConfig.of(SharedFiles.PER_CHANNEL_MODEL.getFileName().toString(),
                Files.readAllBytes(SharedFiles.PER_CHANNEL_MODEL),
                Files.readString(SharedFiles.path("models/imagenet_labels.txt"))).withClassifiers(1);
        try (TestServer perChannelServer = TestServer.start(perChannel)) {
            page.open(perChannelServer.uri(WHOLE_IMAGES));
            page.waitForModelReady();

            assertEquals("wasm", page.text("#build"));
            assertEquals("float", page.text("#arithmetic"), "integer arithmetic refuses the model, float runs it");
            assertPhotosGetTheirClasses();
        }
    }

    @Test
    void javaScriptBuildGivesTheSameClasses() {
        page.open(server.uri("/?build=js&crop=none"));
        page.waitForModelReady();

        assertEquals("js", page.text("#build"), "?build=js forces the JavaScript build");
        assertEquals("js", page.script("return window.lensletState.build"));
        assertEquals("float", page.text("#arithmetic"), "TeaVM's JavaScript emulates 64-bit multiplies: float is faster");
        assertPhotosGetTheirClasses();
    }

    /**
     * Ctrl+V with a photo on the clipboard, put there by the page's own Clipboard API as a copy from another app
     * would: Chromium hands the paste event the image as a file, named image.png.
     */
    @Test
    void pastedPhotoIsClassified() {
        page.open(server.uri("/"));
        page.waitForModelReady();
        page.copyToClipboard(SharedFiles.photo("burger-224.png"));

        page.pasteWithKeyboard();

        assertTopLabel("image.png", "cheeseburger");
    }

    /**
     * In a browser without Wasm GC the worker's feature test fails and the page runs the JavaScript build by
     * itself. Played by a worker.js whose WebAssembly.validate refuses modules with GC types, as such a browser's
     * does; everything else is the real worker.
     */
    @Test
    void browserWithoutWasmGcFallsBackToJavaScript() throws Exception {
        ReplacedFilesHandler withoutWasmGc = new ReplacedFilesHandler();
        try (TestServer plainServer = TestServer.startBehind(withoutWasmGc);
             InputStream worker = ClassifyInBrowserIT.class.getResourceAsStream("/web/worker.js")) {
            withoutWasmGc.serve(Map.of("/worker.js", ("""
                    {
                      const validate = WebAssembly.validate;
                      // 0x5f: a struct type, which only Wasm GC has.
                      WebAssembly.validate = (bytes) => !new Uint8Array(bytes).includes(0x5f) && validate(bytes);
                    }
                    """ + new String(worker.readAllBytes(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8)));
            page.open(plainServer.uri(WHOLE_IMAGES));
            page.waitForModelReady();

            assertEquals("js", page.text("#build"), "no Wasm GC: the page picks the JavaScript build");
            assertEquals("float", page.text("#arithmetic"));
            page.drop(SharedFiles.photo("grace_hopper.jpg"));
            assertTopLabel("grace_hopper.jpg", "military uniform");
        }
    }

    @Test
    void droppedTextFileShowsAnErrorCard() throws Exception {
        Path notes = Files.writeString(temp.resolve("notes.txt"), "shopping list: milk, eggs\n");
        page.open(server.uri("/"));
        page.waitForModelReady();

        page.drop(notes);

        LensletPage.Card card = page.finishedCard("notes.txt", LensletPage.CLASSIFY_PHOTO);
        assertTrue(card.error(), "the card of a text file is an error card: " + card);
        assertTrue(card.errorMessage().startsWith(LensletPage.textFileError("notes.txt")), card.errorMessage());
        assertTrue(card.labels().isEmpty(), card.toString());
    }

    /**
     * Damaged, odd and hostile files dropped together with a good photo: each gets an error card that says what is
     * wrong with it, or its right result, and none stops the others. Last, the page still works.
     */
    @Test
    void damagedAndOddImagesGetSpecificErrorsOrResultsAndTheRestClassify() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("odd"));
        Path[] files = {
                OddImageFiles.empty(dir, "empty.jpg"),
                OddImageFiles.truncated(SharedFiles.photo("grace_hopper.jpg"), 0.4, dir, "truncated.jpg"),
                OddImageFiles.text(dir, "list.jpg"),
                OddImageFiles.pngBomb(20_000, dir, "bomb.png"),
                OddImageFiles.ramp(10_000, 50, dir, "wide.png"),
                OddImageFiles.ramp(1, 1, dir, "dot.png"),
                OddImageFiles.animatedGif(SharedFiles.photo("hot_dog.jpg"), dir, "animated.gif"),
                OddImageFiles.transparentBorder(SharedFiles.photo("parrot.jpg"), 40, dir, "transparent.png"),
                SharedFiles.photo("grace_hopper.jpg")};
        page.open(server.uri(WHOLE_IMAGES));
        page.waitForModelReady();

        page.drop(files);

        assertErrorCard("empty.jpg", "empty.jpg is empty (0 bytes)");
        assertErrorCard("truncated.jpg", "truncated.jpg could not be decoded: the file is damaged, cut short");
        assertErrorCard("list.jpg", "list.jpg could not be decoded");
        assertErrorCard("bomb.png", "bomb.png is too large to classify: 20000 × 20000 pixels");
        assertEquals(5, classified("wide.png").labels().size(), "a 10000×50 image is classified");
        assertEquals(5, classified("dot.png").labels().size(), "a 1×1 image is classified");
        assertTopLabel("animated.gif", "hotdog");
        assertTopLabel("transparent.png", "macaw");
        assertTopLabel("grace_hopper.jpg", "military uniform");
        assertEquals(Boolean.TRUE, page.script("return window.lensletState.modelReady"), page.diagnostics());
    }

    private static void assertErrorCard(String fileName, String messageStart) {
        LensletPage.Card card = page.finishedCard(fileName, LensletPage.CLASSIFY_PHOTO);
        assertTrue(card.error(), () -> fileName + " got labels instead of an error: " + card);
        assertTrue(card.errorMessage().startsWith(messageStart),
                () -> fileName + ": expected a message beginning \"" + messageStart + "\": " + card);
        assertFalse(card.hasThumbnail(), "a file that is refused shows no thumbnail: " + card);
    }

    private static LensletPage.Card classified(String fileName) {
        LensletPage.Card card = page.finishedCard(fileName, LensletPage.CLASSIFY_PHOTO);
        assertFalse(card.error(), () -> fileName + " failed: " + card + "\n" + page.diagnostics());
        return card;
    }

    /** Two photos dropped together and one picked with the file input; each card's best class. */
    private static void assertPhotosGetTheirClasses() {
        page.drop(SharedFiles.photo("grace_hopper.jpg"), SharedFiles.photo("hot_dog.jpg"));
        page.pick(SharedFiles.photo("parrot.jpg"));

        assertTopLabel("grace_hopper.jpg", "military uniform");
        assertTopLabel("hot_dog.jpg", "hotdog");
        assertTopLabel("parrot.jpg", "macaw");
    }

    private static void assertTopLabel(String fileName, String expected) {
        LensletPage.Card card = classified(fileName);
        assertEquals(expected, card.topLabel(), () -> card + "\n" + page.diagnostics());
        assertTrue(card.hasThumbnail(), "the card shows the photo: " + card);
    }

    private static Double firstNumber(String text) {
        Matcher number = NUMBER.matcher(text);
        return number.find() ? Double.valueOf(number.group()) : null;
    }
}
