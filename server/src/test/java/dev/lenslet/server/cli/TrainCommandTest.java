package dev.lenslet.server.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lenslet.core.head.TrainingSet;
import dev.lenslet.server.SharedFiles;
import dev.lenslet.server.TaughtPhotos;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lenslet train} and {@code classify --head} on classes made from the shared photos. */
class TrainCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path temp;
    private static Path examples;
    private static Path head;
    private static Cli.Result training;

    @BeforeAll
    static void train() throws IOException {
        examples = temp.resolve("examples");
        TaughtPhotos.writeExamples(examples);
        Files.writeString(examples.resolve("cat/zz-broken.jpg"), "not a JPEG");
        head = temp.resolve("pets.head");
        training = train("--out", head, examples);
    }

    static Cli.Result train(Object... args) {
        return run(Stream.concat(Stream.of("train", "--model", SharedFiles.MODEL), Arrays.stream(args)).toArray());
    }

    private static Cli.Result run(Object... args) {
        return Cli.run(new LensletCommand(), Arrays.stream(args).map(Object::toString).toArray(String[]::new));
    }

    @Test
    void trainingGoesPastABadImageReportsHeldOutAccuracyAndWritesTheHead() {
        // The broken file is reported and left out; the head is still written, and the exit status says so.
        assertEquals(1, training.exitCode(), training.err());
        assertTrue(training.err().contains("zz-broken.jpg: error: "), training.err());
        assertTrue(Files.isRegularFile(head));
        assertTrue(training.out().contains("cat: 10 images"), training.out());
        assertTrue(training.out().matches("(?s).*epoch +1  loss \\d+\\.\\d{4}  training accuracy.*"), training.out());
        // 11 files per cat, 10 for the others: every 5th of each class in sorted order is held out, 6 in all.
        Matcher accuracy = Pattern.compile("Held-out accuracy: (\\d+) of (\\d+)").matcher(training.out());
        assertTrue(accuracy.find(), training.out());
        assertEquals(6, Integer.parseInt(accuracy.group(2)));
        assertTrue(Integer.parseInt(accuracy.group(1)) >= 5, training.out());
    }

    @Test
    void headAnswersNewPhotosWithTheTaughtClasses() throws IOException {
        Path newPhotos = temp.resolve("new");
        TaughtPhotos.writeNewPhotos(newPhotos);

        Cli.Result run = Cli.classify("--json", "--top", "3", "--head", head, newPhotos);

        assertEquals(0, run.exitCode(), run.err());
        List<JsonNode> lines = run.out().lines().map(TrainCommandTest::parse).toList();
        assertEquals(6, lines.size());
        for (JsonNode line : lines) {
            JsonNode top = line.get("top");
            assertEquals(3, top.size(), "a head answers with its own classes only");
            String expected = TaughtPhotos.classOf(Path.of(line.get("file").asText()));
            assertEquals(expected, top.get(0).get("label").asText(), line.toString());
            assertEquals(TaughtPhotos.CLASS_ORDER.indexOf(expected), top.get(0).get("index").asInt());
        }
    }

    @Test
    void headOfAnotherModelIsRefused() {
        Cli.Result run = run("classify", "--model", SharedFiles.PER_CHANNEL_MODEL, "--head", head,
                SharedFiles.photo("cat.bmp"));

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("head file " + head + ": the head was trained on another model"), run.err());
        assertEquals("", run.out());
    }

    @Test
    void truncatedHeadIsRefused() throws IOException {
        byte[] bytes = Files.readAllBytes(head);
        Path truncated = temp.resolve("truncated.head");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));

        Cli.Result run = Cli.classify("--head", truncated, SharedFiles.photo("cat.bmp"));

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("lenslet: error: head file " + truncated + ": "), run.err());
        assertTrue(run.err().contains("truncated"), run.err());
        assertEquals("", run.out());
    }

    @Test
    void trainingIsDeterministic() throws IOException {
        Path again = temp.resolve("again.head");
        assertEquals(1, train("--out", again, examples).exitCode());
        assertArrayEquals(Files.readAllBytes(head), Files.readAllBytes(again));
    }

    @Test
    void aSingleClassIsRefusedWithTheReason() throws IOException {
        Path one = temp.resolve("one-class");
        Files.createDirectories(one.resolve("cat"));
        Files.copy(SharedFiles.photo("cat.bmp"), one.resolve("cat/cat.bmp"));
        Files.copy(SharedFiles.photo("cat_720p.jpg"), one.resolve("cat/cat_720p.jpg"));

        Cli.Result run = train("--out", temp.resolve("one.head"), one);

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("lenslet: error: a head needs at least 2 classes"), run.err());
        assertTrue(Files.notExists(temp.resolve("one.head")));
    }

    @Test
    void aHeadFileInAMissingFolderIsRefusedBeforeAnyWork() {
        Path out = temp.resolve("no-such-folder/pets.head");

        Cli.Result run = train("--out", out, examples);

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--out " + out + ": the folder " + out.getParent() + " does not exist"),
                run.err());
        assertEquals("", run.out());
    }

    @Test
    void thousandsOfExamplesOverTheLimitAreRefusedBeforeAnyIsRead() throws IOException {
        Path many = temp.resolve("many");
        for (int i = 0; i <= TrainingSet.MAX_EXAMPLES; i++) {
            Path classDir = Files.createDirectories(many.resolve(i % 2 == 0 ? "even" : "odd"));
            Files.createFile(classDir.resolve(i + ".png")); // empty: reading any would print an error
        }

        Cli.Result run = train("--out", temp.resolve("many.head"), many);

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("lenslet: error: " + many + " holds " + (TrainingSet.MAX_EXAMPLES + 1)
                + " images but a head learns from at most " + TrainingSet.MAX_EXAMPLES), run.err());
        assertTrue(!run.err().contains("error: the file is empty") && !run.err().contains(".png: error"), run.err());
    }

    @Test
    void aFolderWithoutClassesIsAUsageError() {
        Cli.Result run = train("--out", temp.resolve("x.head"), SharedFiles.photo("cat.bmp"));

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("is not a folder; give a folder with one subfolder of images per class"),
                run.err());
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
