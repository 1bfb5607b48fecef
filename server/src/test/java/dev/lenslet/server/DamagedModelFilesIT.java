package dev.lenslet.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lenslet.server.http.TestServer;
import dev.lenslet.server.model.ModelShards;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;


/**
 * The model's shard manifest and shards damaged at random and on purpose, as the browser's worker.js receives
 * them: each case is loaded by a fresh module worker, which must either load a model that classifies the cat
 * photo exactly as the intact model does, or answer with one of its own errors naming the manifest or the shard
 * and what is wrong. A hang, a raw JavaScript error, a worker crash or a damaged model that loads fails the test.
 *
 * <p>The random cases (seeded: the same cases every run) are byte flips at random positions of the manifest JSON,
 * the manifest cut at random lengths, and the same for a random shard, in the ratio 10 : 3 : 2 : 1. Their number is
 * {@code -Dlenslet.damagedModelCases} (default {@value #DEFAULT_RANDOM_CASES}, about a minute on two slow cores);
 * the full run is {@code -Dlenslet.damagedModelCases=480} (300, 90, 60 and 30). {@code
 * -Dlenslet.damagedModelSeed} picks other cases.
 */
class DamagedModelFilesIT {
    private static final int DEFAULT_RANDOM_CASES = 240;
    /** Each case's manifest and shards are under /case/<number>/. */
    private static final String CASES = "/case/";
    private static final String MANIFEST = "manifest.json";
    /** The photo whose top 5 tells an intact model from a damaged one. */
    private static final String PHOTO = "resized_cat.bmp";
    /**
     * The worker's own errors: the manifest is refused, a shard or the whole file is corrupted, the classifier
     * refuses a model that arrived intact, or a file the manifest names is not on the server.
     */
    private static final List<Pattern> DECLARED_ERRORS = List.of(
            Pattern.compile("^The model manifest /case/\\d+/manifest\\.json is not valid( JSON)?[:.] .*"
                    + "Reload to try again.*", Pattern.DOTALL),
            Pattern.compile("^The model download is corrupted \\(.+\\)\\. Reload to try again.*", Pattern.DOTALL),
            Pattern.compile("^The model described by /case/\\d+/manifest\\.json cannot be used: .+", Pattern.DOTALL),
            Pattern.compile("^Could not download (the model manifest|shard \\d+ of \\d+ of the model) from /case/\\d+/"
                    + ".*: the server answered 404.*", Pattern.DOTALL));
    /** What a message of the worker's own never holds: JavaScript's words for a value or a check it lacked. */
    private static final Pattern RAW_ERROR = Pattern.compile(
            "undefined|NaN|TypeError|RangeError|SyntaxError|Cannot read|is not a function|Invalid typed array"
                    + "|allocation failed|out of memory", Pattern.CASE_INSENSITIVE);

    /**
     * Creates a module worker, loads the manifest at arguments[0] and on success classifies window.casePixels; sets
     * window.caseOutcome to {outcome: 'loaded', top} or {outcome: 'error' | 'crash', message} once the worker has
     * answered. A worker that never answers is a hang: the wait for the outcome fails the test.
     */
    private static final String START_CASE_SCRIPT = """
            const manifest = arguments[0];
            window.caseOutcome = null;
            const worker = new Worker('/worker.js', {type: 'module'});
            const finish = (outcome) => { worker.terminate(); window.caseOutcome = outcome; };
            worker.onerror = (event) => finish({outcome: 'crash', message: String(event.message)});
            worker.onmessage = ({data}) => {
              if (data.type === 'error') {
                finish({outcome: data.id === undefined ? 'crash' : 'error', message: String(data.message)});
              } else if (data.type === 'loaded') {
                worker.postMessage({type: 'classify', id: 2, pixels: window.casePixels.slice().buffer,
                    width: window.caseWidth, height: window.caseHeight});
              } else if (data.type === 'result') {
                finish({outcome: 'loaded', top: JSON.stringify(data.top)});
              }
            };
            worker.postMessage({type: 'load', id: 1, manifest});
            """;
    private static final String SET_PIXELS_SCRIPT = """
            window.casePixels = Uint8Array.from(atob(arguments[0]), (c) => c.charCodeAt(0));
            window.caseWidth = arguments[1];
            window.caseHeight = arguments[2];
            """;

    @AutoClose
    private static TestServer server;
    @AutoClose
    private static LensletPage page;
    private static final ReplacedFilesHandler files = new ReplacedFilesHandler();
    private static final ObjectMapper json = new ObjectMapper();
    /** The server's manifest with each shard's url made relative: "<sha256>.bin", beside the manifest. */
    private static ObjectNode manifest;
    /** The shards' bytes by their relative url, in file order. */
    private static final Map<String, byte[]> shards = new LinkedHashMap<>();
    /** The shards' urls on the server, in file order. */
    private static final List<String> serverShardUrls = new ArrayList<>();
    /** The intact model's top 5 for {@link #PHOTO}, as the worker reports it. */
    private static String intactTop;
    private static int caseNumber;

    @BeforeAll
    static void startBrowserAndServer() throws Exception {
        page = LensletPage.inNewChromium(DamagedModelFilesIT.class);
        server = TestServer.startBehind(files);
        manifest = (ObjectNode) json.readTree(server.get(ModelShards.MANIFEST_PATH).getContent());
        for (JsonNode shard : manifest.get("shards")) {
            String name = shard.get("sha256").asText() + ".bin";
            serverShardUrls.add(shard.get("url").asText());
            shards.put(name, server.get(shard.get("url").asText()).getContent());
            ((ObjectNode) shard).put("url", name);
        }
        files.serve(Map.of(CASES + "blank.html", "<!doctype html><title>cases</title>"
                .getBytes(StandardCharsets.UTF_8)));
        page.open(server.uri(CASES + "blank.html"));
        BufferedImage photo = ImageIO.read(SharedFiles.photo(PHOTO).toFile());
        page.script(SET_PIXELS_SCRIPT, Base64.getEncoder().encodeToString(rgba(photo)), photo.getWidth(),
                photo.getHeight());

        Map<String, Object> intact = run(bytesOf(manifest), Map.of());
        assertEquals("loaded", intact.get("outcome"), () -> "the intact model does not load: " + intact);
        intactTop = (String) intact.get("top");
        assertTrue(intactTop.contains("Egyptian cat"), () -> "the intact model's top 5: " + intactTop);
    }

    @Test
    void randomlyDamagedManifestsAndShardsLoadIntactOrAreRefusedWithTheWorkersOwnErrors() throws Exception {
        int count = Integer.getInteger("lenslet.damagedModelCases", DEFAULT_RANDOM_CASES);
        Random random = new Random(Long.getLong("lenslet.damagedModelSeed", 5));
        byte[] intactManifest = bytesOf(manifest);
        List<String> shardNames = List.copyOf(shards.keySet());
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < count * 10 / 16; i++) {
            int at = random.nextInt(intactManifest.length);
            check("manifest byte " + at + " flipped", flip(intactManifest, at, random), Map.of(), null, failures);
        }
        for (int i = 0; i < count * 3 / 16; i++) {
            int length = random.nextInt(intactManifest.length);
            check("manifest cut at " + length, Arrays.copyOf(intactManifest, length), Map.of(), null, failures);
        }
        for (int i = 0; i < count * 2 / 16; i++) {
            String shard = shardNames.get(random.nextInt(shardNames.size()));
            int at = random.nextInt(shards.get(shard).length);
            byte[] flipped = flip(shards.get(shard), at, random);
            check(shard + " byte " + at + " flipped", intactManifest, Map.of(shard, flipped),
                    shardLabel(shardNames.indexOf(shard)), failures);
        }
        for (int i = 0; i < count / 16; i++) {
            String shard = shardNames.get(random.nextInt(shardNames.size()));
            int length = random.nextInt(shards.get(shard).length);
            check(shard + " cut at " + length, intactManifest, Map.of(shard, Arrays.copyOf(shards.get(shard), length)),
                    shardLabel(shardNames.indexOf(shard)), failures);
        }
        assertTrue(failures.isEmpty(), () -> failures.size() + " damaged model files escaped the worker's checks:\n"
                + String.join("\n", failures));
    }

    /**
     * A hand-made damage: {@code manifest} makes the case's manifest from the intact one (a copy it may change);
     * {@code refusal} is a phrase the worker's error must hold, or null if the intact model must load.
     */
    private record Damage(String name, Function<ObjectNode, byte[]> manifest, String refusal) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Cases named "regression" escaped the worker's checks before it checked that. */
    static List<Damage> damages() {
        return List.of(
                new Damage("pretty-printed", DamagedModelFilesIT::prettyPrinted, null),
                new Damage("labels left out (the model's own are used)", edit(m -> m.remove("labels")), null),
                new Damage("a field unknown to the worker", edit(m -> m.put("comment", "new")), null),
                new Damage("shards 1 and 2 swapped", edit(m -> swap(shards(m), 0, 1)),
                        "the reassembled model failed its SHA-256 check"),
                new Damage("shard 2 a byte longer", edit(m -> addBytes(shard(m, 1), 1)), "its shards hold"),
                new Damage("shard 2 and the model a byte longer",
                        edit(m -> { addBytes(shard(m, 1), 1); addBytes(model(m), 1); }),
                        "shard 2 of 4 is shorter than the manifest says"),
                new Damage("shard 3's SHA-256 changed", edit(m -> shard(m, 2).put("sha256", sha(m, 2, 0))),
                        "shard 3 of 4 failed its SHA-256 check"),
                new Damage("the model's SHA-256 changed", edit(m -> model(m).put("sha256", sha(m, 1, 0))),
                        "the reassembled model failed its SHA-256 check"),
                new Damage("regression: negative sizes adding up (Uint8Array(-1) threw a RangeError)",
                        edit(m -> { addBytes(shard(m, 0), -1 - intactModelBytes()); model(m).put("bytes", -1); }),
                        "lacks the model's size"),
                new Damage("regression: a 1e12-byte model, shard 4 to match (its allocation threw a RangeError)",
                        edit(m -> {
                            addBytes(shard(m, 3), 1_000_000_000_000L - sizeOf(model(m)));
                            model(m).put("bytes", 1_000_000_000_000L);
                        }),
                        "shard 4 of 4 is shorter than the manifest says"),
                new Damage("a negative shard size, the next shard that much longer to match",
                        edit(m -> {
                            long size = sizeOf(shard(m, 0));
                            addBytes(shard(m, 0), -1 - size);
                            addBytes(shard(m, 1), 1 + size);
                        }),
                        "shard 1 of 4 lacks its url, size or SHA-256"),
                new Damage("the model's size 1e400 (Infinity)",
                        replace("\"bytes\":" + intactModelBytes() + ",", "\"bytes\":1e400,"),
                        "lacks the model's size"),
                new Damage("sizes as text", edit(m -> model(m).put("bytes", String.valueOf(sizeOf(model(m))))),
                        "lacks the model's size"),
                new Damage("regression: a fractional shard size (its shards held \"NaN\" bytes)",
                        edit(m -> shard(m, 0).put("bytes", 1.5)), "shard 1 of 4 lacks its url, size or SHA-256"),
                new Damage("the model's SHA-256 a number", edit(m -> model(m).put("sha256", 7)), "lacks the model's"),
                new Damage("a shard's SHA-256 in capitals",
                        edit(m -> shard(m, 0).put("sha256", sha(m, 0, 0).toUpperCase(Locale.ROOT))),
                        "shard 1 of 4 lacks its url, size or SHA-256"),
                new Damage("regression: labels a number (the Wasm build said \"illegal cast\")",
                        edit(m -> m.put("labels", 42)), "its labels are 42, not text"),
                new Damage("an extra shard", edit(m -> shards(m).add(shard(m, 3).deepCopy())), "its shards hold"),
                new Damage("an extra shard, the model's size to match", edit(m -> {
                    shards(m).add(shard(m, 3).deepCopy());
                    addBytes(model(m), sizeOf(shard(m, 3)));
                }), "the reassembled model failed its SHA-256 check"),
                new Damage("shard 2's url that of shard 1", edit(m -> shard(m, 1).set("url", shard(m, 0).get("url"))),
                        "shard 2 of 4 failed its SHA-256 check"),
                new Damage("regression: a shard on another site (was fetched there, then blamed on being offline)",
                        edit(m -> shard(m, 0).put("url", "https://example.invalid/model/" + sha(m, 0, 0) + ".bin")),
                        "shard 1 of 4 is at \"https://example.invalid/"),
                new Damage("regression: a shard on another site, protocol-relative (as above)",
                        edit(m -> shard(m, 1).put("url", "//example.invalid/" + sha(m, 1, 0) + ".bin")),
                        "shard 2 of 4 is at \"//example.invalid/"),
                new Damage("regression: a shard url out of the manifest's folder by ../ (loaded the server's own)",
                        edit(m -> shard(m, 0).put("url", "../.." + serverShardUrl(0))),
                        "outside /case/"),
                new Damage("regression: a shard url that is no URL (URL's own TypeError)",
                        edit(m -> shard(m, 2).put("url", "http://[")), "shard 3 of 4 is at \"http://[\""),
                new Damage("a shard url a number", edit(m -> shard(m, 0).put("url", 1)),
                        "shard 1 of 4 lacks its url"),
                new Damage("regression: a shard null (its shards held \"NaN\" bytes)",
                        edit(m -> shards(m).set(2, json.nullNode())), "shard 3 of 4 lacks its url"),
                new Damage("the shard list an object", edit(m -> m.putObject("shards")), "or the shard list"),
                new Damage("another format", edit(m -> m.put("format", "lenslet-shards-2")),
                        "its format is \"lenslet-shards-2\""),
                new Damage("regression: JSON null (its format was \"undefined\")", unused -> bytes("null"),
                        "it is null, not an object"),
                new Damage("regression: a JSON array 100 000 deep (its format was \"undefined\")",
                        unused -> bytes("[".repeat(100_000) + "]".repeat(100_000)), "it is [[[["),
                new Damage("regression: the format left out (was \"undefined\")", edit(m -> m.remove("format")),
                        "it names no format"),
                new Damage("empty", unused -> new byte[0], "is not valid JSON"),
                new Damage("regression: an empty model, no shards, the SHA-256 of nothing (the reader's bare message)",
                        edit(m -> {
                            model(m).put("bytes", 0).put("sha256", ModelShards.sha256(new byte[0], 0, 0));
                            m.putArray("shards");
                        }),
                        "cannot be used: not a TFLite model"),
                new Damage("regression: the first two shards as a model of their own (the reader's bare message)",
                        edit(m -> {
                            byte[] firstTwo = firstShards(2);
                            model(m).put("bytes", firstTwo.length)
                                    .put("sha256", ModelShards.sha256(firstTwo, 0, firstTwo.length));
                            shards(m).remove(3);
                            shards(m).remove(2);
                        }),
                        "cannot be used: model.operator_codes"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("damages")
    void handMadeDamageLoadsIntactOrIsRefusedSayingWhatIsWrong(Damage damage) throws Exception {
        Map<String, Object> outcome = run(damage.manifest().apply(manifest.deepCopy()), Map.of());
        if (damage.refusal() == null) {
            assertEquals(Map.of("outcome", "loaded", "top", intactTop), outcome);
            return;
        }
        assertEquals(null, problemWithError(outcome), () -> "outcome: " + outcome);
        String message = (String) outcome.get("message");
        assertTrue(message.contains(damage.refusal()), () -> "the error says \"" + damage.refusal() + "\": " + message);
    }

    private static void check(String what, byte[] manifestBytes, Map<String, byte[]> damagedShards,
                              String shardNamed, List<String> failures) throws Exception {
        Map<String, Object> outcome = run(manifestBytes, damagedShards);
        String problem = damagedShards.isEmpty()
                ? problemWithAnyOutcome(outcome)
                : problemWithDamagedShard(outcome, shardNamed);
        if (problem != null) {
            failures.add("case " + caseNumber + ", " + what + ": " + problem);
        }
    }

    /** For a damaged manifest: loading the intact model is as fine as a declared error. */
    private static String problemWithAnyOutcome(Map<String, Object> outcome) {
        if ("loaded".equals(outcome.get("outcome"))) {
            return intactTop.equals(outcome.get("top")) ? null : "a damaged model loaded: " + outcome.get("top");
        }
        return problemWithError(outcome);
    }

    /** For a damaged shard: the only right outcome is an error naming that shard. */
    private static String problemWithDamagedShard(Map<String, Object> outcome, String shardNamed) {
        String problem = problemWithError(outcome);
        if (problem != null) {
            return problem;
        }
        String message = (String) outcome.get("message");
        return message.contains(shardNamed) ? null : "the error does not name " + shardNamed + ": " + message;
    }

    /** Null if outcome is one of the worker's declared errors; else what is wrong with it. */
    private static String problemWithError(Map<String, Object> outcome) {
        String message = String.valueOf(outcome.get("message"));
        if (!"error".equals(outcome.get("outcome"))) {
            return outcome.get("outcome") + ": " + (outcome.containsKey("top") ? outcome.get("top") : message);
        }
        if (RAW_ERROR.matcher(message).find()) {
            return "a raw JavaScript error: " + message;
        }
        boolean declared = DECLARED_ERRORS.stream().anyMatch(error -> error.matcher(message).matches());
        return declared ? null : "not one of the worker's errors: " + message;
    }

    private static String shardLabel(int index) {
        return "shard " + (index + 1) + " of " + shards.size();
    }

    /**
     * Serves {@code manifestBytes} as a new case's manifest beside the intact shards, with {@code damagedShards}
     * in their place, and loads it in a fresh worker.
     */
    private static Map<String, Object> run(byte[] manifestBytes, Map<String, byte[]> damagedShards) {
        String folder = CASES + ++caseNumber + "/";
        Map<String, byte[]> caseFiles = new HashMap<>();
        shards.forEach((name, bytes) -> caseFiles.put(folder + name, bytes));
        damagedShards.forEach((name, bytes) -> caseFiles.put(folder + name, bytes));
        caseFiles.put(folder + MANIFEST, manifestBytes);
        files.serve(caseFiles);
        page.script(START_CASE_SCRIPT, folder + MANIFEST);
        @SuppressWarnings("unchecked")
        Map<String, Object> outcome = (Map<String, Object>) page.waitFor("the worker to answer for " + folder
                + MANIFEST + " (no answer is a hang)", LensletPage.MODEL_LOAD,
                () -> page.script("return window.caseOutcome"));
        return outcome;
    }

    /** bytes with the byte at {@code at} changed to another value. */
    private static byte[] flip(byte[] bytes, int at, Random random) {
        byte[] flipped = bytes.clone();
        flipped[at] ^= (byte) (1 + random.nextInt(255));
        return flipped;
    }

    private static Function<ObjectNode, byte[]> edit(Consumer<ObjectNode> change) {
        return copy -> {
            change.accept(copy);
            return bytesOf(copy);
        };
    }

    private static Function<ObjectNode, byte[]> replace(String intact, String damaged) {
        return copy -> {
            String text = new String(bytesOf(copy), StandardCharsets.UTF_8);
            assertTrue(text.contains(intact), () -> "the manifest holds " + intact);
            return bytes(text.replace(intact, damaged));
        };
    }

    private static byte[] prettyPrinted(ObjectNode copy) {
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsBytes(copy);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode model(ObjectNode m) {
        return (ObjectNode) m.get("model");
    }

    private static ArrayNode shards(ObjectNode m) {
        return (ArrayNode) m.get("shards");
    }

    private static ObjectNode shard(ObjectNode m, int index) {
        return (ObjectNode) shards(m).get(index);
    }

    private static long sizeOf(ObjectNode entry) {
        return entry.get("bytes").asLong();
    }

    private static void addBytes(ObjectNode entry, long bytes) {
        entry.put("bytes", sizeOf(entry) + bytes);
    }

    private static void swap(ArrayNode list, int i, int j) {
        JsonNode first = list.get(i);
        list.set(i, list.get(j));
        list.set(j, first);
    }

    /** The SHA-256 of shard {@code index} with its hex digit {@code digit} changed. */
    private static String sha(ObjectNode m, int index, int digit) {
        char[] hex = shard(m, index).get("sha256").asText().toCharArray();
        hex[digit] = hex[digit] == '0' ? '1' : '0';
        return new String(hex);
    }

    private static long intactModelBytes() {
        return sizeOf(model(manifest));
    }

    /** Where the server itself serves shard {@code index}: /model/<key>/<sha256>.bin. */
    private static String serverShardUrl(int index) {
        return serverShardUrls.get(index);
    }

    private static byte[] firstShards(int count) {
        return shards.values().stream().limit(count).reduce(new byte[0], (joined, shard) -> {
            byte[] longer = Arrays.copyOf(joined, joined.length + shard.length);
            System.arraycopy(shard, 0, longer, joined.length, shard.length);
            return longer;
        });
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytesOf(JsonNode node) {
        try {
            return json.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The image's pixels as RGBA bytes, row by row. */
    private static byte[] rgba(BufferedImage image) {
        byte[] rgba = new byte[image.getWidth() * image.getHeight() * 4];
        int i = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int argb = image.getRGB(x, y);
                rgba[i++] = (byte) (argb >> 16);
                rgba[i++] = (byte) (argb >> 8);
                rgba[i++] = (byte) argb;
                rgba[i++] = (byte) 0xff;
            }
        }
        return rgba;
    }
}
