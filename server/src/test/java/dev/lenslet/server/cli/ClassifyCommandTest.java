package dev.lenslet.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lenslet.server.SharedFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


/** {@code lenslet classify} end to end, in-process, on the real model and photos. */
public class ClassifyCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    /** The expected classes of shared/README hold for the whole image squashed, as the reference was made. */
    @Test
    void jsonLinesGiveTheExpectedClasses() {
        long start = System.nanoTime();
        Cli.Result run = Cli.classify("--json", "--crop", "none", SharedFiles.photo("cat.bmp"),
                SharedFiles.photo("grace_hopper.jpg"));
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        assertEquals(0, run.exitCode(), run.err());
        List<JsonNode> lines = parse(run);
        assertEquals(2, lines.size());
        JsonNode cat = lines.get(0);
        assertEquals(SharedFiles.photo("cat.bmp").toString(), cat.get("file").asText());
        assertEquals(512, cat.get("width").asInt());
        assertEquals(341, cat.get("height").asInt());
        assertEquals(5, cat.get("top").size());
        assertTopClass(cat, 285, "Egyptian cat");
        assertTrue(cat.get("top").get(0).get("score").asDouble() > 0.7, cat.toString());
        // The time spent on this file: whole milliseconds, within the run that classified it.
        assertTrue(cat.get("ms").isIntegralNumber(), cat.toString());
        assertTrue(cat.get("ms").asLong() >= 0 && cat.get("ms").asLong() <= elapsedMs,
                cat + " in a run of " + elapsedMs + " ms");
        assertTopClass(lines.get(1), 652, "military uniform");
        // Surefire starts the JVM with the Vector API module, so these labels come from its kernels.
        List<String> errLines = run.err().lines().toList();
        assertEquals(1, errLines.size(), "the kernels line alone: no progress bar for two files, no errors");
        assertTrue(errLines.get(0).startsWith("lenslet: float kernels: Vector API, "), run.err());
    }

    @Test
    void humanOutputShowsSizePercentagesAndTime() {
        Cli.Result run = Cli.classify(SharedFiles.photo("cat.bmp"));

        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.outLines();
        assertEquals(SharedFiles.photo("cat.bmp") + "  512x341", lines.get(0));
        assertTrue(Pattern.matches(" {1,2}\\d{1,2}\\.\\d%  Egyptian cat", lines.get(1)), lines.get(1));
        assertEquals(5, lines.stream().filter(line -> line.matches(" +\\d+\\.\\d%  .+")).count(), run.out());
        assertTrue(lines.get(6).matches(" +\\(\\d+ ms\\)"), lines.get(6));
    }

    @Test
    void folderWithBadFilesClassifiesTheGoodOnesAndReportsEachBadOne() throws IOException {
        Path folder = folderWithGoodAndBadPhotos();

        Cli.Result run = Cli.classify("--json", "--top", 1, "--crop", "none", folder);

        assertEquals(1, run.exitCode());
        List<JsonNode> lines = parse(run);
        List<String> files = lines.stream().map(line -> folder.relativize(Path.of(line.get("file").asText())).toString())
                .toList();
        assertEquals(List.of("bird.rgb", "cat.bmp", "corrupt.jpg", "empty.png", "notes.jpg", "sub/grace_hopper.jpg"),
                files, "sorted, recursive, hidden files and other extensions skipped");
        assertTopClass(lines.get(0), 19, "chickadee");
        assertTopClass(lines.get(1), 285, "Egyptian cat");
        assertTopClass(lines.get(5), 652, "military uniform");
        assertError(lines.get(2), "damaged or cut short");
        assertError(lines.get(3), "empty (0 bytes)");
        assertError(lines.get(4), "not a JPEG, PNG, BMP or GIF image");
    }

    /** Redrawn with carriage returns, a progress bar belongs on a terminal only, never in a redirected file. */
    @Test
    void progressBarOnlyWhenStderrIsATerminal() throws IOException {
        Path folder = folderWithGoodAndBadPhotos();

        Cli.Result terminal = Cli.classifyOnTerminal("--json", "--top", 1, folder);
        Cli.Result redirected = Cli.classify("--json", "--top", 1, folder);

        assertTrue(terminal.err().contains("\r" + "classifying ["), terminal.err());
        assertTrue(terminal.err().contains("6/6 files"), "progress bar for more than 3 files: " + terminal.err());
        assertEquals(terminal.out().lines().count(), redirected.out().lines().count(), redirected.out());
        assertFalse(redirected.err().contains("\r"), redirected.err());
        assertFalse(redirected.err().contains("files"), redirected.err());
    }

    @Test
    void humanOutputPutsOneErrorLinePerBadFileOnStderr() throws IOException {
        Path folder = folderWithGoodAndBadPhotos();
        Path missing = temp.resolve("missing.jpg");

        Cli.Result run = Cli.classify("--top", 1, folder.resolve("corrupt.jpg"), folder.resolve("notes.jpg"),
                folder.resolve("empty.png"), missing, SharedFiles.photo("cat.bmp"));

        assertEquals(1, run.exitCode());
        List<String> errors = run.err().lines()
                .flatMap(line -> Arrays.stream(line.split("\r")))
                .filter(line -> line.contains(": error: "))
                .toList();
        assertEquals(4, errors.size(), run.err());
        assertTrue(errors.get(0).startsWith(folder.resolve("corrupt.jpg") + ": error: the image is damaged"), errors.get(0));
        assertTrue(errors.get(3).startsWith(missing + ": error: no such file"), errors.get(3));
        assertTrue(run.out().contains("Egyptian cat"), run.out());
        assertFalse(run.out().contains("error"), "errors go to stderr only");
    }

    @Test
    void badOptionsAreUsageErrors() {
        Path cat = SharedFiles.photo("cat.bmp");
        assertEquals(2, Cli.classify("--bogus", cat).exitCode());
        assertEquals(2, Cli.classify("--top", 0, cat).exitCode());
        assertEquals(2, Cli.classify("--crop", "sideways", cat).exitCode());
        assertEquals(2, Cli.classify("--arithmetic", "double", cat).exitCode());
        assertEquals(2, Cli.classify().exitCode(), "no file");
        assertEquals(2, Cli.run(new LensletCommand()).exitCode(), "no command");
        Cli.Result run = Cli.classify("--top", "many", cat);
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--top") && run.err().contains("Usage:"), run.err());
    }

    @Test
    void topSetsTheNumberOfClasses() {
        Cli.Result run = Cli.classify("--json", "--top", 3, SharedFiles.photo("cat.bmp"));

        assertEquals(3, parse(run).get(0).get("top").size());
    }

    @Test
    void bothCropModesFindTheCat() {
        for (String crop : List.of("none", "center")) {
            Cli.Result run = Cli.classify("--json", "--crop", crop, SharedFiles.photo("cat.bmp"));

            assertEquals(0, run.exitCode(), run.err());
            assertTopClass(parse(run).get(0), 285, "Egyptian cat");
        }
    }

    @Test
    void integerArithmeticFindsTheUniform() {
        Cli.Result run = Cli.classify("--json", "--arithmetic", "integer", "--crop", "none",
                SharedFiles.photo("grace_hopper.jpg"));

        assertEquals(0, run.exitCode(), run.err());
        JsonNode result = parse(run).get(0);
        assertTopClass(result, 652, "military uniform");
        assertIntegerScores(result, "grace_hopper.jpg");
    }

    @Test
    void integerArithmeticRefusesAPerChannelModelWithTheReason() {
        Path model = SharedFiles.PER_CHANNEL_MODEL;

        Cli.Result run = Cli.run(new LensletCommand(), "classify", "--arithmetic", "integer", "--model",
                model.toString(), SharedFiles.photo("grace_hopper.jpg").toString());

        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("lenslet: error: model " + model + ": "), run.err());
        assertTrue(run.err().contains("integer arithmetic") && run.err().contains("float arithmetic"), run.err());
        assertFalse(run.err().contains("Exception") || run.err().contains("\tat "), run.err());
        assertEquals("", run.out());
    }

    @Test
    void rawRgbFileIsClassified() {
        Cli.Result run = Cli.classify("--json", SharedFiles.photo("bird.rgb"));

        JsonNode bird = parse(run).get(0);
        assertEquals(224, bird.get("width").asInt());
        assertTopClass(bird, 19, "chickadee");
    }

    @Test
    void modelWithoutEmbeddedLabelsUsesTheLabelFileBesideIt() {
        Cli.Result run = Cli.run(new LensletCommand(), "classify", "--json", "--model", SharedFiles.LOGITS_MODEL.toString(),
                SharedFiles.photo("cat.bmp").toString());

        assertEquals(0, run.exitCode(), run.err());
        assertTopClass(parse(run).get(0), 285, "Egyptian cat");
    }

    @Test
    void modelWithoutLabelsNeedsTheLabelsOption() throws IOException {
        Path model = Files.copy(SharedFiles.LOGITS_MODEL, temp.resolve("logits.tflite"));
        String cat = SharedFiles.photo("cat.bmp").toString();

        Cli.Result without = Cli.run(new LensletCommand(), "classify", "--model", model.toString(), cat);
        assertEquals(2, without.exitCode());
        assertTrue(without.err().contains("model " + model + ": it has no embedded labels"), without.err());
        assertTrue(without.err().contains("pass --labels FILE"), without.err());

        Cli.Result with = Cli.run(new LensletCommand(), "classify", "--json", "--model", model.toString(),
                "--labels", SharedFiles.path("models/imagenet_labels.txt").toString(), cat);
        assertEquals(0, with.exitCode(), with.err());
        assertTopClass(parse(with).get(0), 285, "Egyptian cat");
    }

    @Test
    void unusableModelIsReportedByNameWithoutAStackTrace() throws IOException {
        Path garbage = Files.writeString(temp.resolve("garbage.tflite"), "not a model");
        Path missing = temp.resolve("missing.tflite");
        String cat = SharedFiles.photo("cat.bmp").toString();

        for (Path model : List.of(garbage, missing)) {
            Cli.Result run = Cli.run(new LensletCommand(), "classify", "--model", model.toString(), cat);

            assertEquals(2, run.exitCode());
            assertTrue(run.err().startsWith("lenslet: error: model " + model + ": "), run.err());
            assertFalse(run.err().contains("Exception") || run.err().contains("\tat "), run.err());
        }
    }

    @Test
    void directoryWithoutImagesIsAnError() {
        Cli.Result run = Cli.classify(temp);

        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("no images found"), run.err());
    }

    /** cat.bmp, sub/grace_hopper.jpg, bird.rgb; a truncated JPEG, text named .jpg, an empty .png; files to skip. */
    private Path folderWithGoodAndBadPhotos() throws IOException {
        Path folder = Files.createDirectories(temp.resolve("photos"));
        Files.copy(SharedFiles.photo("cat.bmp"), folder.resolve("cat.bmp"));
        Files.copy(SharedFiles.photo("bird.rgb"), folder.resolve("bird.rgb"));
        Files.copy(SharedFiles.photo("grace_hopper.jpg"), Files.createDirectories(folder.resolve("sub")).resolve("grace_hopper.jpg"));
        byte[] jpeg = Files.readAllBytes(SharedFiles.photo("grace_hopper.jpg"));
        Files.write(folder.resolve("corrupt.jpg"), Arrays.copyOf(jpeg, jpeg.length / 2));
        Files.writeString(folder.resolve("notes.jpg"), "shopping list: milk, eggs\n");
        Files.createFile(folder.resolve("empty.png"));
        Files.writeString(folder.resolve("readme.txt"), "not an image extension: skipped\n");
        Files.copy(SharedFiles.photo("cat.bmp"), folder.resolve(".hidden.bmp"));
        Files.copy(SharedFiles.photo("cat.bmp"), Files.createDirectories(folder.resolve(".thumbnails")).resolve("cat.bmp"));
        return folder;
    }

    private static List<JsonNode> parse(Cli.Result run) {
        return run.outLines().stream().map(line -> {
            try {
                return JSON.readTree(line);
            } catch (IOException e) {
                throw new UncheckedIOException("stdout line is not JSON: " + line, e);
            }
        }).toList();
    }

    private static void assertTopClass(JsonNode result, int index, String label) {
        JsonNode best = result.get("top").get(0);
        assertEquals(index, best.get("index").asInt(), result.toString());
        assertEquals(label, best.get("label").asText(), result.toString());
    }

    /**
     * Integer arithmetic ran (with crop none, as the reference): the same top class as float arithmetic with a
     * score that is close but not the same
     * (the network's numbers differ), and five distinct scores in order (not the uint8 softmax's ties at 0).
     */
    public static void assertIntegerScores(JsonNode integer, String photo) {
        JsonNode floatTop = parse(Cli.classify("--json", "--crop", "none", SharedFiles.photo(photo))).get(0).get("top");
        JsonNode top = integer.get("top");
        assertEquals(floatTop.get(0).get("index").asInt(), top.get(0).get("index").asInt(), integer.toString());
        double score = top.get(0).get("score").asDouble(), floatScore = floatTop.get(0).get("score").asDouble();
        assertNotEquals(floatScore, score, integer + " vs float " + floatTop);
        assertEquals(floatScore, score, 0.05, integer + " vs float " + floatTop);
        for (int i = 1; i < top.size(); i++) {
            assertTrue(top.get(i).get("score").asDouble() > 0
                    && top.get(i).get("score").asDouble() < top.get(i - 1).get("score").asDouble(), integer.toString());
        }
    }

    private static void assertError(JsonNode result, String expected) {
        assertFalse(result.has("top"), result.toString());
        assertTrue(result.get("error").asText().contains(expected), result.toString());
    }
}
