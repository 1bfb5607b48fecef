package dev.lenslet.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lenslet.server.SharedFiles;
import dev.lenslet.server.model.ModelSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lenslet eval} on a folder of shared photos labelled by WordNet-id and label folder and file names, with
 * a photo without a label and a damaged one. What counts as right is what {@code classify} gives for the same
 * files with the same crop and arithmetic, so the expectations come from the product's own runs.
 */
class EvalCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path temp;
    private static Path folder;
    /** Each labelled, decodable file and the class index its name gives. */
    private static final Map<Path, Integer> LABELLED = new LinkedHashMap<>();

    @BeforeAll
    static void labelledFolder() throws IOException {
        folder = Files.createDirectories(temp.resolve("labelled"));
        LABELLED.put(copy("cat.bmp", "n02124075/cat.bmp"), 285);
        LABELLED.put(copy("resized_cat.bmp", "Egyptian cat/resized_cat.bmp"), 285);
        LABELLED.put(copy("grace_hopper.jpg", "military_UNIFORM/grace_hopper.jpg"), 652);
        LABELLED.put(copy("bird.bmp", "n01592084_17.bmp"), 19);
        LABELLED.put(copy("hot_dog.jpg", "hot_dog.jpg"), 934);
        copy("owl.jpg", "owl.jpg");
        byte[] parrot = Files.readAllBytes(SharedFiles.photo("parrot.jpg"));
        Files.write(Files.createDirectories(folder.resolve("n01818515")).resolve("broken.jpg"),
                Arrays.copyOf(parrot, parrot.length / 3));
    }

    @Test
    void jsonReportCountsLabelledPhotosListsTheUnlabelledAndReportsTheDamaged() throws IOException {
        Cli.Result run = eval("--json", folder);

        assertEquals(1, run.exitCode(), "a file failed: " + run.err());
        JsonNode report = JSON.readTree(run.out());
        assertEquals(7, report.get("files").asInt(), report.toString());
        assertEquals(5, report.get("classified").asInt(), report.toString());
        assertEquals(1, report.get("failed").asInt(), report.toString());
        assertEquals(List.of(folder.resolve("owl.jpg").toString()), texts(report.get("unlabelled")));
        assertEquals("center", report.get("crop").asText(), "eval classifies the central square by default");
        assertEquals("float", report.get("arithmetic").asText());
        assertAccuracies(report, "center", "float");
        assertTrue(run.err().contains(folder.resolve("n01818515/broken.jpg") + ": error: "), run.err());
        assertEquals(1, run.err().lines().filter(line -> line.contains(": error: ")).count(), run.err());
    }

    @Test
    void wrongAnswersAreListedByClassAndByConfusion() throws IOException {
        JsonNode report = JSON.readTree(eval("--json", folder).out());

        Map<Path, List<Integer>> tops = tops("center", "float");
        List<List<Integer>> wrong = LABELLED.keySet().stream()
                .filter(file -> !tops.get(file).get(0).equals(LABELLED.get(file)))
                .map(file -> List.of(LABELLED.get(file), tops.get(file).get(0))).sorted(
                        java.util.Comparator.<List<Integer>>comparingInt(pair -> pair.get(0))
                                .thenComparingInt(pair -> pair.get(1))).toList();
        assertFalse(wrong.isEmpty(), "the centre crop cuts the uniform off grace_hopper.jpg: one photo is missed");
        List<List<Integer>> confusions = StreamSupport.stream(report.get("confusions").spliterator(), false)
                .map(pair -> List.of(pair.get("expected").get("index").asInt(),
                        pair.get("classifiedAs").get("index").asInt())).toList();
        assertEquals(wrong, confusions, report.toString());
        JsonNode first = report.get("confusions").get(0);
        assertEquals(1, first.get("count").asInt());
        assertFalse(first.get("classifiedAs").get("label").asText().isEmpty(), report.toString());
        List<Integer> missedClasses = StreamSupport.stream(report.get("mostOftenWrong").spliterator(), false)
                .map(missed -> missed.get("index").asInt()).toList();
        assertEquals(wrong.stream().map(pair -> pair.get(0)).distinct().toList(), missedClasses, report.toString());
        JsonNode missed = report.get("mostOftenWrong").get(0);
        assertEquals(LABELLED.values().stream().filter(index -> index == missed.get("index").asInt()).count(),
                missed.get("of").asInt(), report.toString());
    }

    @Test
    void textReportGivesAccuraciesAndTheFilesWithoutALabel() {
        Cli.Result run = eval("--crop", "none", folder);

        List<String> lines = run.out().lines().toList();
        assertEquals(folder + ": 7 image files, 5 labelled and classified, 1 failed, 1 without a label", lines.get(0));
        Map<Path, List<Integer>> tops = tops("none", "float");
        long top1 = LABELLED.keySet().stream().filter(file -> tops.get(file).get(0).equals(LABELLED.get(file))).count();
        assertTrue(lines.contains(String.format(java.util.Locale.ROOT, "top-1 accuracy: %.1f%% (%d of 5)",
                100.0 * top1 / 5, top1)), run.out());
        assertTrue(lines.contains("  " + folder.resolve("owl.jpg")), run.out());
    }

    @Test
    void compareGivesTheShareOfEqualTop1BetweenArithmetics() throws IOException {
        JsonNode report = JSON.readTree(eval("--json", "--compare", "integer", folder).out());

        Map<Path, String> floats = topLabels("center", "float");
        Map<Path, String> integers = topLabels("center", "integer");
        long same = floats.keySet().stream().filter(file -> floats.get(file).equals(integers.get(file))).count();
        JsonNode compare = report.get("compare");
        assertEquals("integer", compare.get("arithmetic").asText(), report.toString());
        assertEquals(5, compare.get("of").asInt());
        assertEquals(same, compare.get("sameTop1").asInt(), report.toString());
        assertEquals(same / 5.0, compare.get("share").asDouble(), 1e-9);
    }

    @Test
    void progressBarOnlyOnATerminal() {
        Cli.Result terminal = Cli.run(new EvalCommand(ModelSource.standard(), true), "--model",
                SharedFiles.MODEL.toString(), folder.toString());
        Cli.Result redirected = eval(folder);

        assertTrue(terminal.err().contains("\revaluating ["), terminal.err());
        assertTrue(terminal.err().contains("6/6 files"), terminal.err());
        assertFalse(redirected.err().contains("\r"), redirected.err());
        assertEquals(terminal.out(), redirected.out());
    }

    @Test
    void folderWithoutLabelsIsAnErrorAndNotAFolderIsAUsageError() throws IOException {
        Path plain = Files.createDirectories(temp.resolve("plain"));
        Files.copy(SharedFiles.photo("owl.jpg"), plain.resolve("owl.jpg"));

        Cli.Result run = eval(plain);
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("no photo in " + plain + " has a label"), run.err());
        assertEquals(2, eval(plain.resolve("owl.jpg")).exitCode());
        assertEquals(2, eval("--crop", "sideways", folder).exitCode());
        assertEquals(2, eval("--compare", "double", folder).exitCode());
    }

    /** Top-1 and top-5 as counted from {@code classify} on the same labelled files. */
    private static void assertAccuracies(JsonNode report, String crop, String arithmetic) {
        Map<Path, List<Integer>> tops = tops(crop, arithmetic);
        long top1 = LABELLED.keySet().stream().filter(file -> tops.get(file).get(0).equals(LABELLED.get(file))).count();
        long top5 = LABELLED.keySet().stream().filter(file -> tops.get(file).contains(LABELLED.get(file))).count();
        assertEquals(top1, report.get("top1").get("correct").asInt(), report.toString());
        assertEquals(top5, report.get("top5").get("correct").asInt(), report.toString());
        assertEquals(5, report.get("top1").get("of").asInt());
        assertEquals(top1 / 5.0, report.get("top1").get("accuracy").asDouble(), 1e-9);
    }

    private static Map<Path, List<Integer>> tops(String crop, String arithmetic) {
        Map<Path, List<Integer>> tops = new LinkedHashMap<>();
        for (JsonNode line : classify(crop, arithmetic)) {
            tops.put(Path.of(line.get("file").asText()), StreamSupport.stream(line.get("top").spliterator(), false)
                    .map(prediction -> prediction.get("index").asInt()).toList());
        }
        return tops;
    }

    private static Map<Path, String> topLabels(String crop, String arithmetic) {
        Map<Path, String> labels = new LinkedHashMap<>();
        for (JsonNode line : classify(crop, arithmetic)) {
            labels.put(Path.of(line.get("file").asText()), line.get("top").get(0).get("label").asText());
        }
        return labels;
    }

    private static List<JsonNode> classify(String crop, String arithmetic) {
        Cli.Result run = Cli.classify(withFiles(List.of("--json", "--crop", crop, "--arithmetic", arithmetic)));
        return run.out().lines().map(line -> {
            try {
                return JSON.readTree(line);
            } catch (IOException e) {
                throw new AssertionError(line, e);
            }
        }).toList();
    }

    private static Object[] withFiles(List<Object> options) {
        List<Object> args = new java.util.ArrayList<>(options);
        args.addAll(LABELLED.keySet());
        return args.toArray();
    }

    private static Cli.Result eval(Object... args) {
        List<String> all = new java.util.ArrayList<>(List.of("eval", "--model", SharedFiles.MODEL.toString()));
        Arrays.stream(args).map(Object::toString).forEach(all::add);
        return Cli.run(new LensletCommand(), all.toArray(String[]::new));
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static Path copy(String photo, String to) throws IOException {
        Path target = folder.resolve(to);
        Files.createDirectories(target.getParent());
        return Files.copy(SharedFiles.photo(photo), target);
    }
}
