package dev.lenslet.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lenslet.core.image.Pixels;
import dev.lenslet.server.SharedFiles;
import dev.lenslet.server.http.TestServer;
import dev.lenslet.server.image.ImageDecoder;
import dev.lenslet.server.image.OddImages;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.http.HttpMethod;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


/**
 * Every odd image through the CLI (one batch: each file its own result or error line, the rest goes on) and
 * through /api/classify (a status and a JSON error per file), on the real model.
 */
class OddImagesEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @AutoClose
    private static TestServer server;
    /** File name → what the CLI line and API error must say, or null for a classified image. */
    private static final Map<String, String> EXPECTED = new LinkedHashMap<>();
    private static final Map<String, Integer> STATUS = new LinkedHashMap<>();
    private static final Map<String, byte[]> FILES = new LinkedHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(TestServer.sharedModelConfig().withMaxUploadBytes(4 << 20));
        byte[] catJpeg = Files.readAllBytes(SharedFiles.photo("cat_720p.jpg"));
        byte[] png = OddImages.encode(OddImages.redLeftBlueRight(64, 64), "png");
        add("0-empty.jpg", new byte[0], 400, "empty");
        add("1-truncated.jpg", OddImages.truncated(catJpeg), 400, "cut short");
        add("2-truncated.png", OddImages.truncated(png), 400, "cut short");
        add("3-text.jpg", "I am a text file".getBytes(StandardCharsets.UTF_8), 415, "not a JPEG, PNG, BMP or GIF");
        add("4-bomb.png", OddImages.pngDeclaring(100_000, 100_000), 413, "more than the limit of 50.0");
        add("5-photo.webp", OddImages.startOf("WebP"), 415, "WebP is not supported by this decoder");
        add("6-photo.heic", OddImages.startOf("HEIC"), 415, "HEIC is not supported by this decoder");
        add("7-cmyk.jpg", OddImages.cmykJpeg(), 200, null);
        add("8-grey16.png", OddImages.grey16Png(), 200, null);
        add("9-animated.gif", OddImages.animatedGif(), 200, null);
        add("a-1x1.png", OddImages.encode(new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB), "png"), 200, null);
        add("b-10000x50.png", OddImages.encode(OddImages.redLeftBlueRight(10_000, 50), "png"), 200, null);
        add("c-rotated-cat.jpg", rotatedCat(), 200, null);
    }

    private static void add(String name, byte[] bytes, int status, String error) {
        FILES.put(name, bytes);
        STATUS.put(name, status);
        EXPECTED.put(name, error);
    }

    @Test
    void cliBatchReportsEachOddFileAndClassifiesTheRest(@TempDir Path folder) throws IOException {
        for (Map.Entry<String, byte[]> file : FILES.entrySet()) {
            Files.write(folder.resolve(file.getKey()), file.getValue());
        }

        Cli.Result run = Cli.classify("--json", folder);

        assertEquals(1, run.exitCode(), "some files failed: " + run.err());
        List<JsonNode> lines = run.outLines().stream().map(OddImagesEndToEndTest::json).toList();
        assertEquals(FILES.size(), lines.size(), run.out());
        int i = 0;
        for (Map.Entry<String, String> expected : EXPECTED.entrySet()) {
            JsonNode line = lines.get(i++);
            assertTrue(line.get("file").asText().endsWith(expected.getKey()), line.toString());
            if (expected.getValue() == null) {
                assertEquals(5, line.get("top").size(), line.toString());
            } else {
                assertFalse(line.has("top"), line.toString());
                assertTrue(line.get("error").asText().contains(expected.getValue()), line.toString());
            }
        }
        assertUprightCat(lines.get(lines.size() - 1));
        assertFalse(run.err().contains("Exception"), run.err());
    }

    @Test
    void apiAnswersEachOddFileWithAStatusAndJson() throws Exception {
        for (Map.Entry<String, byte[]> file : FILES.entrySet()) {
            String name = file.getKey();
            ContentResponse response = server.request("/api/classify").method(HttpMethod.POST)
                    .body(new BytesRequestContent("application/octet-stream", file.getValue())).send();

            assertEquals(STATUS.get(name), response.getStatus(), name + ": " + response.getContentAsString());
            assertEquals("application/json", response.getMediaType(), name);
            JsonNode body = json(response.getContentAsString());
            if (EXPECTED.get(name) == null) {
                assertEquals(5, body.get("top").size(), name);
            } else {
                assertTrue(body.get("error").asText().contains(EXPECTED.get(name)), name + ": " + body);
            }
            if (name.equals("c-rotated-cat.jpg")) {
                assertUprightCat(body);
            }
        }
    }

    @Test
    void pixelLimitIsAnOption() throws IOException {
        Path image = Files.createTempFile("two-megapixels", ".png");
        try {
            Files.write(image, OddImages.encode(OddImages.redLeftBlueRight(2000, 1000), "png"));

            Cli.Result refused = Cli.classify("--json", "--max-megapixels", "1", image);
            Cli.Result accepted = Cli.classify("--json", "--max-megapixels", "2", image);

            assertEquals(1, refused.exitCode());
            assertTrue(json(refused.out()).get("error").asText().contains("more than the limit of 1.0"), refused.out());
            assertEquals(0, accepted.exitCode(), accepted.out());
            assertEquals(2, Cli.classify("--max-megapixels", "0", image).exitCode());
        } finally {
            Files.delete(image);
        }
    }

    /** Reported at its upright size, and recognised: the model saw the cat the right way up. */
    private static void assertUprightCat(JsonNode result) {
        assertEquals(1280, result.get("width").asInt(), result.toString());
        assertEquals(720, result.get("height").asInt(), result.toString());
        assertEquals("Egyptian cat", result.get("top").get(0).get("label").asText(), result.toString());
    }

    /** The 1280×720 cat photo stored turned a quarter anticlockwise, with the EXIF tag that turns it back. */
    private static byte[] rotatedCat() throws Exception {
        Pixels upright = ImageDecoder.decode(SharedFiles.photo("cat_720p.jpg"), Long.MAX_VALUE);
        // Stored pixel (x, y) of the 720×1280 image shows upright pixel (W-1-y, x): a quarter turn anticlockwise.
        BufferedImage stored = new BufferedImage(upright.height, upright.width, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < stored.getHeight(); y++) {
            for (int x = 0; x < stored.getWidth(); x++) {
                int i = (x * upright.width + (upright.width - 1 - y)) * 3;
                stored.setRGB(x, y, (upright.data[i] & 0xFF) << 16 | (upright.data[i + 1] & 0xFF) << 8
                        | upright.data[i + 2] & 0xFF);
            }
        }
        return OddImages.withExifOrientation(OddImages.encode(stored, "jpg"), 6);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + text, e);
        }
    }
}
