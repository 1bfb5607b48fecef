package dev.lenslet.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lenslet.core.explain.EmbeddingSimilarity;
import dev.lenslet.core.image.Pixels;
import dev.lenslet.server.SharedFiles;
import dev.lenslet.server.image.ImageDecoder;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code classify --saliency}, {@code --saliency-png} and {@code embed}: what the maps and embeddings mean. */
class ExplainCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CANVAS = 448;
    /** Corners as (right?, lower?). */
    private static final boolean[][] CORNERS = {{false, false}, {true, false}, {false, true}, {true, true}};

    @TempDir
    Path temp;

    @ParameterizedTest
    @ValueSource(strings = {"float", "integer"})
    void aPhotoInOneCornerOfAGreyCanvasGetsItsMapPeakInThatCorner(String arithmetic) throws IOException {
        BufferedImage cat = ImageIO.read(SharedFiles.photo("cat.bmp").toFile());
        Path[] files = new Path[CORNERS.length];
        for (int i = 0; i < CORNERS.length; i++) {
            files[i] = temp.resolve("corner" + i + ".png");
            ImageIO.write(inCorner(cat, CORNERS[i][0], CORNERS[i][1]), "png", files[i].toFile());
        }

        Cli.Result run = Cli.classify("--json", "--saliency", "--crop", "none", "--arithmetic", arithmetic,
                files[0], files[1], files[2], files[3]);

        assertEquals(0, run.exitCode(), run.err());
        List<JsonNode> lines = run.out().lines().map(ExplainCommandTest::parse).toList();
        for (int i = 0; i < CORNERS.length; i++) {
            JsonNode saliency = lines.get(i).get("saliency");
            assertEquals(lines.get(i).get("top").get(0).get("index").asInt(), saliency.get("class").asInt());
            JsonNode map = saliency.get("map");
            assertEquals(7, map.size());
            int peakX = 0, peakY = 0;
            for (int y = 0; y < 7; y++) {
                assertEquals(7, map.get(y).size());
                for (int x = 0; x < 7; x++) {
                    double v = map.get(y).get(x).asDouble();
                    assertTrue(v >= 0 && v <= 1, saliency.toString());
                    if (v > map.get(peakY).get(peakX).asDouble()) {
                        peakX = x;
                        peakY = y;
                    }
                }
            }
            String where = lines.get(i).get("file").asText() + " " + saliency;
            assertEquals(1.0, map.get(peakY).get(peakX).asDouble(), 1e-6, where);
            assertEquals(CORNERS[i][0], peakX > 3, where);
            assertEquals(CORNERS[i][1], peakY > 3, where);
            assertTrue(peakX != 3 && peakY != 3, "the peak lies off the middle row and column: " + where);
            String side = (CORNERS[i][1] ? "lower " : "upper ") + (CORNERS[i][0] ? "right" : "left");
            assertEquals("mostly the " + side, saliency.get("description").asText(), where);
            JsonNode region = saliency.get("region");
            assertEquals(0, region.get("left").asDouble());
            assertEquals(0, region.get("top").asDouble());
            assertEquals(CANVAS, region.get("width").asDouble());
            assertEquals(CANVAS, region.get("height").asDouble());
        }
    }

    @Test
    void overlayPngHasTheImageSizeAndChangesOnlyTheRegionTheNetworkSaw() throws Exception {
        Path photo = SharedFiles.photo("cat.bmp");
        Path out = temp.resolve("maps");

        Cli.Result run = Cli.classify("--json", "--crop", "center", "--saliency-png", out, photo);

        assertEquals(0, run.exitCode(), run.err());
        JsonNode region = parse(run.out().strip()).get("saliency").get("region");
        BufferedImage overlay = ImageIO.read(out.resolve("cat.bmp.png").toFile());
        Pixels original = ImageDecoder.decode(photo, Long.MAX_VALUE);
        assertEquals(original.width, overlay.getWidth());
        assertEquals(original.height, overlay.getHeight());
        double left = region.get("left").asDouble(), top = region.get("top").asDouble();
        double right = left + region.get("width").asDouble(), bottom = top + region.get("height").asDouble();
        assertTrue(left > 100 && right < 412, "the central square of a 512x341 photo: " + region);
        int changedInside = 0, inside = 0;
        for (int y = 0; y < original.height; y++) {
            for (int x = 0; x < original.width; x++) {
                int i = (y * original.width + x) * original.channels;
                int rgb = (original.data[i] & 0xFF) << 16 | (original.data[i + 1] & 0xFF) << 8
                        | original.data[i + 2] & 0xFF;
                boolean changed = (overlay.getRGB(x, y) & 0xFFFFFF) != rgb;
                if (x + 0.5 >= left && x + 0.5 < right && y + 0.5 >= top && y + 0.5 < bottom) {
                    inside++;
                    changedInside += changed ? 1 : 0;
                } else {
                    assertTrue(!changed, "pixel (" + x + ", " + y + ") lies outside " + region + " yet changed");
                }
            }
        }
        assertTrue(changedInside > inside * 0.95, changedInside + " of " + inside + " pixels inside changed");
    }

    @Test
    void inputsOfTheSameNameGetAnOverlayEach() throws IOException {
        Path copy = Files.createDirectories(temp.resolve("other")).resolve("cat.bmp");
        Files.copy(SharedFiles.photo("cat.bmp"), copy);
        Path out = temp.resolve("maps");

        Cli.Result run = Cli.classify("--saliency-png", out, SharedFiles.photo("cat.bmp"), copy);

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("where it looked for Egyptian cat: "), run.out());
        assertEquals(512, ImageIO.read(out.resolve("cat.bmp.png").toFile()).getWidth());
        assertEquals(512, ImageIO.read(out.resolve("cat.bmp-2.png").toFile()).getWidth());
    }

    @Test
    void anOverlayFolderThatCannotBeMadeIsAUsageError() throws IOException {
        Path file = Files.writeString(temp.resolve("taken"), "a file, not a folder");

        Cli.Result run = Cli.classify("--saliency-png", file, SharedFiles.photo("cat.bmp"));

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--saliency-png " + file + ": cannot create that directory"), run.err());
    }

    @Test
    void embeddingsOfTheSameSubjectAreNearerThanOfDifferentOnes() {
        String[] photos = {"cat.bmp", "cat_720p.jpg", "grace_hopper.bmp", "grace_hopper.jpg", "bird.bmp",
                "burger.jpg"};
        Object[] args = new Object[photos.length + 3];
        args[0] = "embed";
        args[1] = "--model";
        args[2] = SharedFiles.MODEL;
        for (int i = 0; i < photos.length; i++) {
            args[i + 3] = SharedFiles.photo(photos[i]);
        }

        Cli.Result text = Cli.run(new LensletCommand(), strings(args));
        Cli.Result json = Cli.run(new LensletCommand(), strings(insertJson(args)));

        assertEquals(0, text.exitCode(), text.err());
        assertEquals(0, json.exitCode(), json.err());
        List<String> lines = text.out().lines().toList();
        List<JsonNode> objects = json.out().lines().map(ExplainCommandTest::parse).toList();
        assertEquals(photos.length, lines.size());
        float[][] embeddings = new float[photos.length][];
        for (int p = 0; p < photos.length; p++) {
            String[] fileAndValues = lines.get(p).split("\t");
            assertEquals(SharedFiles.photo(photos[p]).toString(), fileAndValues[0]);
            String[] values = fileAndValues[1].split(" ");
            JsonNode embedding = objects.get(p).get("embedding");
            assertEquals(1280, values.length);
            assertEquals(1280, embedding.size());
            embeddings[p] = new float[values.length];
            for (int i = 0; i < values.length; i++) {
                embeddings[p][i] = Float.parseFloat(values[i]);
                assertEquals(embeddings[p][i], embedding.get(i).floatValue(), "the same value in both forms");
            }
        }
        for (int pair = 0; pair < 4; pair += 2) {
            float same = EmbeddingSimilarity.cosine(embeddings[pair], embeddings[pair + 1]);
            for (int other = 0; other < photos.length; other++) {
                if (other / 2 != pair / 2) {
                    assertTrue(same > EmbeddingSimilarity.cosine(embeddings[pair], embeddings[other]),
                            photos[pair] + " is nearer " + photos[pair + 1] + " than " + photos[other]);
                    assertTrue(same > EmbeddingSimilarity.cosine(embeddings[pair + 1], embeddings[other]),
                            photos[pair + 1] + " is nearer " + photos[pair] + " than " + photos[other]);
                }
            }
        }
    }

    /** A grey canvas with {@code photo} scaled to half its width in one corner. */
    private static BufferedImage inCorner(BufferedImage photo, boolean right, boolean lower) {
        BufferedImage canvas = new BufferedImage(CANVAS, CANVAS, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        g.setColor(new Color(128, 128, 128));
        g.fillRect(0, 0, CANVAS, CANVAS);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        int w = CANVAS / 2, h = photo.getHeight() * w / photo.getWidth();
        g.drawImage(photo, right ? CANVAS - w : 0, lower ? CANVAS - h : 0, w, h, null);
        g.dispose();
        return canvas;
    }

    private static Object[] insertJson(Object[] args) {
        Object[] withJson = new Object[args.length + 1];
        withJson[0] = args[0];
        withJson[1] = "--json";
        System.arraycopy(args, 1, withJson, 2, args.length - 1);
        return withJson;
    }

    private static String[] strings(Object[] args) {
        String[] strings = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            strings[i] = args[i].toString();
        }
        return strings;
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
