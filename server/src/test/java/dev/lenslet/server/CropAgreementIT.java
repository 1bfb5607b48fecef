package dev.lenslet.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lenslet.server.cli.Cli;
import dev.lenslet.server.cli.LensletCommand;
import dev.lenslet.server.http.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.support.ui.Select;

/**
 * The page classifies what the CLI classifies: on every shared JPEG, PNG and BMP photo, both builds (Wasm in
 * integer arithmetic, JavaScript in float) give the CLI's top-1 with the same crop, the central square by default
 * and the whole image with crop none. The crop choice is remembered across visits, the camera preview marks the
 * square classified and a photo's thumbnail outlines it.
 */
class CropAgreementIT {
    private static final Duration LIVE_RESULT = Duration.ofSeconds(20);
    /** Layout rounds to device pixels; the mark's border is inside its box. */
    private static final double PIXELS = 1.5;

    @TempDir
    static Path temp;
    @AutoClose
    private static TestServer server;
    @AutoClose
    private static LensletPage page;
    private static List<Path> photos;

    @BeforeAll
    static void start() throws Exception {
        Path catVideo = FakeCameraVideo.write(SharedFiles.photo("cat.bmp"), temp.resolve("cat.y4m"));
        page = LensletPage.inNewChromium(CropAgreementIT.class, Chromium.fakeCamera(catVideo));
        server = TestServer.start();
        // Numbered copies: a card is found by a name its title contains, and cat.bmp is in resized_cat.bmp.
        List<Path> shared;
        try (Stream<Path> files = Files.list(SharedFiles.path("photos"))) {
            shared = files.filter(file -> file.getFileName().toString().matches(".*\\.(jpg|png|bmp)")).sorted()
                    .toList();
        }
        List<Path> copies = new ArrayList<>();
        for (int i = 0; i < shared.size(); i++) {
            copies.add(Files.copy(shared.get(i), temp.resolve("photo" + (100 + i) + "-" + shared.get(i).getFileName())));
        }
        photos = copies;
    }

    @ParameterizedTest(name = "build {0}, crop {1}")
    @CsvSource({"wasm, center", "wasm, none", "js, center", "js, none"})
    void pageGivesTheCliTop1OnEverySharedPhoto(String build, String crop) {
        Map<String, String> cli = cliTop1(crop);
        page.open(server.uri("/?build=" + build + "&crop=" + crop));
        page.waitForModelReady();
        assertEquals(build, page.text("#build"));

        page.drop(photos.toArray(Path[]::new));

        List<String> disagreements = new ArrayList<>();
        cli.forEach((name, label) -> {
            LensletPage.Card card = page.finishedCard(name, LensletPage.CLASSIFY_PHOTO);
            assertFalse(card.error(), () -> card + "\n" + page.diagnostics());
            if (!label.equals(card.topLabel())) {
                disagreements.add(name + ": page " + card.labels() + ", CLI " + label);
            }
        });
        assertEquals(List.of(), disagreements, "page (" + build + ") and CLI top-1 with crop " + crop);
        assertEquals(photos.size(), cli.size());
    }

    @Test
    void cropChoiceIsTheCentreByDefaultAndRememberedAcrossVisits() {
        page.open(server.uri("/"));
        page.script("localStorage.clear()");
        page.reload();
        assertEquals("center", crop().getFirstSelectedOption().getAttribute("value"));

        crop().selectByValue("none");
        page.reload();
        assertEquals("none", crop().getFirstSelectedOption().getAttribute("value"), "remembered");
        page.open(server.uri("/?crop=center"));
        assertEquals("center", crop().getFirstSelectedOption().getAttribute("value"), "?crop= sets it for a visit");
        page.open(server.uri("/"));
        assertEquals("none", crop().getFirstSelectedOption().getAttribute("value"), "?crop= is not remembered");
        page.script("localStorage.clear()");
    }

    @Test
    void thumbnailOutlinesTheCentralSquareAndNothingWhenTheWholeImageIsClassified() {
        Path cat = SharedFiles.photo("cat.bmp"); // 512×341, landscape: the square's side is 0.875 of the height
        page.open(server.uri("/?crop=center"));
        page.waitForModelReady();
        page.drop(cat);
        page.finishedCard("cat.bmp", LensletPage.CLASSIFY_PHOTO);

        Map<String, Double> image = rect("#gallery .card img.thumb");
        Map<String, Double> mark = rect("#gallery .card .thumb-mark");
        double side = 0.875 * image.get("height");
        assertEquals(side, mark.get("height"), PIXELS, mark + " in " + image);
        assertEquals(side, mark.get("width"), PIXELS, mark + " in " + image);
        assertEquals(image.get("x") + (image.get("width") - side) / 2, mark.get("x"), PIXELS);
        assertEquals(image.get("y") + (image.get("height") - side) / 2, mark.get("y"), PIXELS);

        page.open(server.uri("/?crop=none"));
        page.waitForModelReady();
        page.drop(cat);
        page.finishedCard("cat.bmp", LensletPage.CLASSIFY_PHOTO);
        assertEquals(0L, page.script("return document.querySelectorAll('#gallery .thumb-mark').length"));
    }

    @Test
    void cameraPreviewMarksTheCentralSquareWhileTheLiveLoopClassifiesIt() {
        page.open(server.uri("/?crop=center"));
        page.waitForModelReady();
        page.element("#camera-toggle").click();
        page.waitFor("the live result Egyptian cat", LIVE_RESULT,
                () -> "Egyptian cat".equals(page.text("#live-results li .label")));

        Map<String, Double> video = rect("#video");
        Map<String, Double> mark = rect("#crop-mark");
        double side = 0.875 * Math.min(video.get("width"), video.get("height"));
        assertEquals(FakeCameraVideo.WIDTH / (double) FakeCameraVideo.HEIGHT, video.get("width") / video.get("height"),
                0.01, "the frame takes the video's shape, so the video fills it");
        assertEquals(side, mark.get("width"), PIXELS, mark + " on " + video);
        assertEquals(side, mark.get("height"), PIXELS, mark + " on " + video);
        assertEquals(video.get("x") + (video.get("width") - side) / 2, mark.get("x"), PIXELS);
        assertEquals(video.get("y") + (video.get("height") - side) / 2, mark.get("y"), PIXELS);

        crop().selectByValue("none");
        assertFalse(page.element("#crop-mark").isDisplayed(), "the whole frame is classified: no mark");
        long before = (Long) page.script("return window.lensletState.framesClassified");
        page.waitFor("frames to go on being classified", LIVE_RESULT,
                () -> (Long) page.script("return window.lensletState.framesClassified") > before + 5);
        page.element("#camera-toggle").click();
        page.script("localStorage.clear()");
    }

    private static Select crop() {
        return new Select(page.element("#crop-select"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Double> rect(String selector) {
        Map<String, Object> box = (Map<String, Object>) page.script("const r = document.querySelector(arguments[0])"
                + ".getBoundingClientRect(); return {x: r.x, y: r.y, width: r.width, height: r.height};", selector);
        Map<String, Double> rect = new LinkedHashMap<>();
        box.forEach((key, value) -> rect.put(key, ((Number) value).doubleValue()));
        return rect;
    }

    /** File name → the CLI's top-1 label (float, as the CLI runs by default) with that crop. */
    private static Map<String, String> cliTop1(String crop) {
        List<String> args = new ArrayList<>(List.of("classify", "--json", "--top", "1", "--crop", crop,
                "--model", SharedFiles.MODEL.toString()));
        photos.forEach(photo -> args.add(photo.toString()));
        Cli.Result run = Cli.run(new LensletCommand(), args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.err());
        Map<String, String> top1 = new LinkedHashMap<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : run.out().lines().toList()) {
            try {
                JsonNode result = json.readTree(line);
                top1.put(Path.of(result.get("file").asText()).getFileName().toString(),
                        result.get("top").get(0).get("label").asText());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return top1;
    }
}
