package dev.lenslet.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lenslet.server.cli.Cli;
import dev.lenslet.server.cli.LensletCommand;
import dev.lenslet.server.http.TestServer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The Teach panel in Chromium against the real server and model: two classes taught from real photos (crops and
 * mirror images of cat.bmp and resized_cat.bmp, of bird.bmp and parrot.jpg), trained in the worker, then used for
 * new photos, after an offline reload, and in a fresh browser that imports the exported head. Each test has a
 * server of its own, so a site of its own with empty storage; the browser, with a fake camera, is shared.
 */
class TeachIT {
    private static final String MARKUP_NAME = "<img src=x onerror=\"document.title='injected'\">";

    @TempDir
    static Path temp;
    /** Where the browser saves downloads: the exported head. */
    private static Path downloads;
    /** Examples of each class: crops and mirror images of two photos. */
    private static Path[] cats;
    private static Path[] birds;

    @AutoClose
    private static LensletPage page;
    @AutoClose
    private TestServer server;

    @BeforeAll
    static void writeExamplesAndStartBrowser() throws Exception {
        cats = examples("cat.bmp", "resized_cat.bmp");
        birds = examples("bird.bmp", "parrot.jpg");
        downloads = Files.createDirectories(temp.resolve("downloads"));
        // The camera films the cat, for recording examples.
        page = LensletPage.inNewChromium(TeachIT.class,
                Chromium.fakeCamera(FakeCameraVideo.write(SharedFiles.photo("cat.bmp"), temp.resolve("cat.y4m"))));
        page.devTools("Browser.setDownloadBehavior", Map.of("behavior", "allow",
                "downloadPath", downloads.toAbsolutePath().toString()));
    }

    private static Path[] examples(String... photos) throws IOException {
        List<Path> examples = new ArrayList<>();
        for (String photo : photos) {
            examples.addAll(ExamplePhotos.of(SharedFiles.photo(photo), temp.resolve("examples")));
        }
        return examples.toArray(Path[]::new);
    }

    @BeforeEach
    void startServer() throws Exception {
        server = TestServer.start();
        page.open(server.uri("/"));
        page.waitForModelReady();
    }

    @Test
    void taughtClassesNameNewPhotosAndTheExportedHeadAndExamplesMoveToAFreshBrowser() throws Exception {
        TeachPanel teach = new TeachPanel(page);
        teachCatAndBird(teach);
        String status = teach.train();
        assertTrue(status.endsWith("Classes: cat, bird."), status);

        assertEquals(List.of("cat", "bird"), topLabels(page, "cat_720p.jpg", "owl.jpg"));

        Path head = download("#teach-export-head", "lenslet-head.bin");
        Path examples = download("#teach-export-examples", "lenslet-examples.json");
        assertEquals(List.of("cat", "bird"), jvmTopLabels(head, "cat_720p.jpg", "owl.jpg"),
                "the CLI answers with the page's head as the page does");
        try (LensletPage fresh = LensletPage.inNewChromium(FreshProfile.class)) {
            fresh.open(server.uri("/"));
            fresh.waitForModelReady();
            TeachPanel freshTeach = new TeachPanel(fresh);
            fresh.element("#teach-import-head").sendKeys(head.toAbsolutePath().toString());
            freshTeach.waitForStatus("Imported lenslet-head.bin");
            assertEquals(List.of("cat", "bird"), topLabels(fresh, "cat_720p.jpg", "owl.jpg"));

            fresh.element("#teach-import-examples").sendKeys(examples.toAbsolutePath().toString());
            freshTeach.waitForStatus("Added " + (cats.length + birds.length) + " examples in 2 classes from"
                    + " lenslet-examples.json.");
            fresh.waitFor("the imported examples to show", TeachPanel.TEACH,
                    () -> freshTeach.card("bird") != null && freshTeach.exampleCount("cat") == cats.length
                            && freshTeach.exampleCount("bird") == birds.length);
            freshTeach.train();
            assertEquals(List.of("cat", "bird"), topLabels(fresh, "resized_cat.bmp", "bird.bmp"));
        }
    }

    /** Clicks the export button {@code selector} and waits for the browser to have saved {@code fileName}. */
    private static Path download(String selector, String fileName) {
        page.element(selector).click();
        Path file = downloads.resolve(fileName);
        page.waitFor(fileName + " to be downloaded", TeachPanel.TEACH,
                () -> Files.exists(file) && !Files.exists(downloads.resolve(fileName + ".crdownload")));
        return file;
    }

    /** Keys the profile of the second browser, which must not be the first one's. */
    private static final class FreshProfile {
    }

    /**
     * Photos dropped on a class's card, or pasted while its name has the focus, become that class's examples and
     * nothing else: the gallery, which takes photos dropped or pasted anywhere else on the page, stays empty.
     */
    @Test
    void photosDroppedOrPastedOnAClassBecomeItsExamplesNotGalleryPhotos() {
        TeachPanel teach = new TeachPanel(page);
        teach.addClass("cat");
        teach.addClass("bird");

        teach.dropPhotos("cat", cats[0], cats[1]);
        teach.pastePhoto("bird", birds[0]);

        assertEquals(2, teach.exampleCount("cat"));
        assertEquals(1, teach.exampleCount("bird"));
        assertEquals(0L, page.script("return document.querySelectorAll('#gallery li.card').length"));
    }

    @Test
    void classesExamplesAndHeadStayAcrossAnOfflineReload() throws Exception {
        TeachPanel teach = new TeachPanel(page);
        teachCatAndBird(teach);
        teach.train();
        page.waitForAllWorkersSettled();
        page.waitForServiceWorkerControl();

        server.stopServing();
        page.reload();

        page.waitForModelReady();
        teach.waitForStatus("Your taught classes are back");
        assertEquals(cats.length, teach.exampleCount("cat"));
        assertEquals(birds.length, teach.exampleCount("bird"));
        assertEquals(List.of("cat"), topLabels(page, "cat_720p.jpg"));
    }

    @Test
    void theJavaScriptBuildTrainsAndUsesAHeadToo() throws Exception {
        page.open(server.uri("/?build=js"));
        page.waitForModelReady();
        assertEquals("js", page.text("#build"));
        TeachPanel teach = new TeachPanel(page);
        teachCatAndBird(teach);
        teach.train();

        assertEquals(List.of("cat", "bird"), topLabels(page, "cat_720p.jpg", "owl.jpg"));
    }

    @Test
    void badClassesAndHeadFilesGetClearMessagesAndMarkupInANameStaysText() throws Exception {
        TeachPanel teach = new TeachPanel(page);
        page.element("#teach-train").click();
        assertEquals("Cannot train yet: a head needs at least 2 classes to tell apart, but there are none; add"
                + " another class.", teach.waitForMessage(""));

        teach.addClass(MARKUP_NAME);
        WebElement markupCard = teach.card(MARKUP_NAME);
        assertEquals(0, markupCard.findElements(By.cssSelector("img:not(.teach-thumb)")).size(),
                "the name made no element");
        assertEquals("Delete class " + MARKUP_NAME,
                markupCard.findElement(By.cssSelector(".teach-delete")).getAttribute("aria-label"));
        page.element("#teach-train").click();
        assertEquals("Cannot train yet: a head needs at least 2 classes to tell apart, but there is only \""
                + MARKUP_NAME + "\"; add another class.", teach.waitForMessage(""));

        teach.addClass("dog");
        page.element("#teach-class-name").sendKeys("DOG");
        page.element("#teach-add-class button[type=submit]").click();
        assertEquals("There is already a class named \"dog\". Give each class its own name.", teach.waitForMessage(""));
        page.element("#teach-class-name").clear();

        page.element("#teach-train").click();
        assertEquals("Cannot train yet: class \"" + MARKUP_NAME + "\" has no examples; give every class at least 2"
                + " (5 or more make a reliable head).", teach.waitForMessage(""));
        teach.addPhotos(MARKUP_NAME, cats[0]);
        teach.addPhotos("dog", birds[0]);
        page.element("#teach-train").click();
        assertEquals("Cannot train yet: class \"" + MARKUP_NAME + "\" has only 1 example; give every class at"
                + " least 2 (5 or more make a reliable head).", teach.waitForMessage(""));

        teach.addPhotos(MARKUP_NAME, cats[1], cats[2]);
        teach.addPhotos("dog", birds[1], birds[2]);
        teach.train();
        assertEquals(List.of(MARKUP_NAME), topLabels(page, "cat_720p.jpg"));
        assertEquals("Lenslet — image classification on your device", page.script("return document.title"));

        byte[] head = storedHead();
        assertImportRefused("cat.bmp", Files.readAllBytes(SharedFiles.photo("cat.bmp")),
                "this is not a Lenslet head file");
        assertImportRefused("truncated.bin", Arrays.copyOf(head, head.length / 2),
                "the head file is truncated: it has " + head.length / 2 + " bytes of " + head.length);
        byte[] altered = head.clone();
        altered[head.length / 2] ^= 1;
        assertImportRefused("altered.bin", altered, "the head file is damaged (its CRC-32 checksum");
        byte[] otherModel = head.clone();
        otherModel[16] ^= 1; // the first byte of the model's SHA-256
        withCrc(otherModel);
        assertImportRefused("other-model.bin", otherModel, "the head was trained on another model");

        Path notExamples = SharedFiles.photo("cat.bmp");
        page.element("#teach-import-examples").sendKeys(notExamples.toAbsolutePath().normalize().toString());
        assertTrue(teach.waitForMessage("cat.bmp").startsWith("cat.bmp is not a Lenslet examples file"),
                teach.message());

        // The head in use is still the trained one.
        assertEquals(List.of(MARKUP_NAME), topLabels(page, "resized_cat.bmp"));
    }

    @Test
    void teachingWorksByKeyboardAloneTheCameraFollowsTheSwitchAndThePagePassesAnAccessibilityAudit()
            throws Exception {
        TeachPanel teach = new TeachPanel(page);
        page.element("#teach-class-name").sendKeys("cat" + Keys.ENTER);
        page.waitFor("the class cat", TeachPanel.TEACH, () -> teach.card("cat") != null);
        page.element("#teach-class-name").sendKeys("bird" + Keys.ENTER);
        page.waitFor("the class bird", TeachPanel.TEACH, () -> teach.card("bird") != null);
        teach.addPhotos("cat", cats);
        teach.addPhotos("bird", birds);

        // The camera is started and an example recorded with the keyboard: Enter, then Space held down.
        page.element("#camera-toggle").sendKeys(Keys.ENTER);
        page.waitFor("the camera to run", TeachPanel.TEACH, () -> page.text("#camera-toggle").equals("Stop camera"));
        WebElement record = teach.card("cat").findElement(By.cssSelector(".teach-record"));
        tabTo(record);
        int before = teach.exampleCount("cat");
        page.keyboard().keyDown(Keys.SPACE).perform();
        page.waitFor("frames to be recorded while Space is held", TeachPanel.TEACH,
                () -> teach.exampleCount("cat") >= before + 3);
        page.keyboard().keyUp(Keys.SPACE).perform();
        assertEquals("false", record.getAttribute("aria-pressed"));

        tabTo(page.element("#teach-train"));
        page.keyboard().sendKeys(Keys.ENTER).perform();
        teach.waitForStatus("Trained on ");
        page.waitFor("the camera to show the taught class", TeachPanel.TEACH,
                () -> "cat".equals(page.text("#live-results li .label")));
        tabTo(page.element("#teach-use-head"));
        page.keyboard().sendKeys(Keys.ARROW_DOWN).perform();
        teach.waitForStatus("New photos and the camera show ImageNet's classes.");
        page.waitFor("the camera to show ImageNet's class again", TeachPanel.TEACH,
                () -> "Egyptian cat".equals(page.text("#live-results li .label")));

        // The whole page, with the panel's classes, examples, trained head and the running camera in it.
        assertEquals(List.of(), page.accessibilityViolations("body"));
    }

    /** Presses Tab until {@code target} has the focus, as a keyboard user would move to it. */
    private static void tabTo(WebElement target) {
        for (int presses = 0; presses < 60; presses++) {
            if (Boolean.TRUE.equals(page.script("return document.activeElement === arguments[0]", target))) {
                return;
            }
            page.keyboard().sendKeys(Keys.TAB).perform();
        }
        throw new AssertionError("60 presses of Tab did not reach " + target.getAttribute("outerHTML"));
    }

    private static void teachCatAndBird(TeachPanel teach) {
        teach.addClass("cat");
        teach.addClass("bird");
        teach.addPhotos("cat", cats);
        teach.addPhotos("bird", birds);
    }

    /** The top label of each shared photo, picked into the gallery of {@code on}. */
    private static List<String> topLabels(LensletPage on, String... photos) {
        List<String> labels = new ArrayList<>();
        for (String photo : photos) {
            on.pick(SharedFiles.photo(photo));
            LensletPage.Card card = on.finishedCard(photo, LensletPage.CLASSIFY_PHOTO);
            labels.add(card.topLabel());
        }
        return labels;
    }

    /** The top label of each shared photo from {@code lenslet classify --head}, the JVM's classifier. */
    private static List<String> jvmTopLabels(Path head, String... photos) throws IOException {
        List<String> command = new ArrayList<>(List.of("classify", "--json", "--top", "1",
                "--model", SharedFiles.MODEL.toString(), "--head", head.toString()));
        for (String photo : photos) {
            command.add(SharedFiles.photo(photo).toString());
        }
        Cli.Result run = Cli.run(new LensletCommand(), command.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.err());
        List<String> labels = new ArrayList<>();
        for (String line : run.out().lines().toList()) {
            labels.add(new ObjectMapper().readTree(line).get("top").get(0).get("label").asText());
        }
        return labels;
    }

    /** The head file the page keeps in IndexedDB: the bytes it exports. */
    private static byte[] storedHead() {
        @SuppressWarnings("unchecked")
        List<Long> bytes = page.waitFor("the trained head to be kept", TeachPanel.TEACH,
                () -> (List<Long>) page.script("return lensletTeachStore.load()"
                        + ".then((stored) => stored.head && Array.from(new Int8Array(stored.head.file)));"));
        byte[] head = new byte[bytes.size()];
        for (int i = 0; i < head.length; i++) {
            head[i] = bytes.get(i).byteValue();
        }
        return head;
    }

    private static void assertImportRefused(String fileName, byte[] content, String reason) throws IOException {
        Path file = Files.write(temp.resolve(fileName), content);
        page.element("#teach-import-head").sendKeys(file.toAbsolutePath().toString());
        String message = new TeachPanel(page).waitForMessage(fileName);
        assertTrue(message.startsWith(fileName + " cannot be used: " + reason), message);
    }

    /** Puts the right CRC-32 of everything before them in the last four bytes, little-endian. */
    private static void withCrc(byte[] file) {
        CRC32 crc = new CRC32();
        crc.update(file, 0, file.length - 4);
        ByteBuffer.wrap(file, file.length - 4, 4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) crc.getValue());
    }
}
