package dev.lenslet.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * The page in Chromium against the real server and model: the fake camera, dropped and picked photos, both
 * TeaVM builds. One server and one browser serve all tests; each test loads the page afresh.
 */
class ClassifyInBrowserIT {
    /** From the first frame to a stable result, including starting the camera. */
    private static final Duration LIVE_RESULT = Duration.ofSeconds(20);
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:\\.\\d+)?");

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
        page.open(server.uri("/"));
        page.waitForModelReady();

        assertEquals("wasm", page.text("#build"), "Chromium supports Wasm GC, so the page picks that build");
        assertEquals("wasm", page.script("return window.lensletState.build"));
        assertPhotosGetTheirClasses();
    }

    @Test
    void javaScriptBuildGivesTheSameClasses() {
        page.open(server.uri("/?build=js"));
        page.waitForModelReady();

        assertEquals("js", page.text("#build"), "?build=js forces the JavaScript build");
        assertEquals("js", page.script("return window.lensletState.build"));
        assertPhotosGetTheirClasses();
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

    /** Two photos dropped together and one picked with the file input; each card's best class. */
    private static void assertPhotosGetTheirClasses() {
        page.drop(SharedFiles.photo("grace_hopper.jpg"), SharedFiles.photo("hot_dog.jpg"));
        page.pick(SharedFiles.photo("parrot.jpg"));

        assertTopLabel("grace_hopper.jpg", "military uniform");
        assertTopLabel("hot_dog.jpg", "hotdog");
        assertTopLabel("parrot.jpg", "macaw");
    }

    private static void assertTopLabel(String fileName, String expected) {
        LensletPage.Card card = page.finishedCard(fileName, LensletPage.CLASSIFY_PHOTO);
        assertFalse(card.error(), () -> fileName + " failed: " + card + "\n" + page.diagnostics());
        assertEquals(expected, card.topLabel(), () -> card + "\n" + page.diagnostics());
        assertTrue(card.hasThumbnail(), "the card shows the photo: " + card);
    }

    private static Double firstNumber(String text) {
        Matcher number = NUMBER.matcher(text);
        return number.find() ? Double.valueOf(number.group()) : null;
    }
}
