package dev.lenslet.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lenslet.core.explain.EmbeddingSimilarity;
import dev.lenslet.core.head.InvalidHeadException;
import dev.lenslet.server.SharedFiles;
import dev.lenslet.server.TaughtPhotos;
import dev.lenslet.server.cli.Cli;
import dev.lenslet.server.cli.LensletCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server started with a taught head: /api/classify answers with its classes, and /api/embed. */
class TaughtHeadApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path temp;
    private static Path head;
    @AutoClose
    private static TestServer server;

    @BeforeAll
    static void trainAndStart() throws Exception {
        TaughtPhotos.writeExamples(temp.resolve("examples"));
        head = temp.resolve("taught.head");
        Cli.Result training = Cli.run(new LensletCommand(), "train", "--model", SharedFiles.MODEL.toString(),
                "--out", head.toString(), temp.resolve("examples").toString());
        assertEquals(0, training.exitCode(), training.err());
        server = TestServer.start(TestServer.sharedModelConfig().withHead(head));
    }

    @Test
    void newPhotosAreAnsweredWithTheTaughtClasses() throws Exception {
        TaughtPhotos.writeNewPhotos(temp.resolve("new"));
        List<Path> photos;
        try (Stream<Path> files = Files.list(temp.resolve("new"))) {
            photos = files.sorted().toList();
        }
        assertEquals(6, photos.size());
        for (Path photo : photos) {
            JsonNode result = ok(post("/api/classify?crop=center", "image/png", Files.readAllBytes(photo)));

            String expected = TaughtPhotos.classOf(photo);
            assertEquals(3, result.get("top").size(), "the head's three classes: " + result);
            assertEquals(expected, result.get("top").get(0).get("label").asText(), photo + ": " + result);
            assertEquals(TaughtPhotos.CLASS_ORDER.indexOf(expected), result.get("top").get(0).get("index").asInt());
        }
    }

    @Test
    void headNoneAnswersWithImageNet() throws Exception {
        JsonNode result = ok(post("/api/classify?head=none", "image/bmp", photo("cat.bmp")));

        assertEquals(5, result.get("top").size());
        assertEquals(285, result.get("top").get(0).get("index").asInt());
        assertEquals("Egyptian cat", result.get("top").get(0).get("label").asText());
        assertEquals(400, post("/api/classify?head=mine", "image/bmp", photo("cat.bmp")).getStatus());
    }

    @Test
    void healthSaysWhichHeadIsLoaded() throws Exception {
        JsonNode health = JSON.readTree(server.get("/healthz").getContent());

        assertEquals("taught.head", health.get("head").get("file").asText());
        assertEquals(TaughtPhotos.CLASS_ORDER.toString(), health.get("head").get("classes").toString()
                .replace("\"", "").replace(",", ", "));
    }

    @Test
    void saliencyMapsTheTopImageNetClass() throws Exception {
        JsonNode result = ok(post("/api/classify?head=none&saliency=1&crop=center", "image/bmp", photo("cat.bmp")));

        JsonNode saliency = result.get("saliency");
        assertEquals(285, saliency.get("class").asInt());
        assertEquals(7, saliency.get("map").size());
        assertEquals(7, saliency.get("map").get(0).size());
        // The central 87.5% square of the 512x341 photo.
        assertEquals(298.375, saliency.get("region").get("width").asDouble(), 0.01);
        assertTrue(saliency.get("description").asText().startsWith("mostly the ")
                || saliency.get("description").asText().equals("spread over the whole image"), saliency.toString());
        ContentResponse withHead = post("/api/classify?saliency=1", "image/bmp", photo("cat.bmp"));
        assertEquals(400, withHead.getStatus());
        assertTrue(withHead.getContentAsString().contains("add head=none"), withHead.getContentAsString());
    }

    @Test
    void embeddingsOfTheSameCatAreNearerThanOfABurger() throws Exception {
        float[] cat = embedding(ok(post("/api/embed", "image/bmp", photo("cat.bmp"))));
        float[] cat720 = embedding(ok(post("/api/embed", "image/jpeg", photo("cat_720p.jpg"))));
        float[] burger = embedding(ok(post("/api/embed?crop=center", "image/jpeg", photo("burger.jpg"))));

        assertEquals(1280, cat.length);
        assertTrue(EmbeddingSimilarity.cosine(cat, cat720) > EmbeddingSimilarity.cosine(cat, burger));
    }

    @Test
    void embedFollowsTheUploadRules() throws Exception {
        ContentResponse text = post("/api/embed", "text/plain", "hello".getBytes());
        assertEquals(415, text.getStatus());
        assertTrue(JSON.readTree(text.getContent()).get("error").asText().contains("not an image"), text.getContentAsString());
        ContentResponse get = server.get("/api/embed");
        assertEquals(405, get.getStatus());
        assertEquals("POST", get.getHeaders().get(HttpHeader.ALLOW));
    }

    @Test
    void aHeadOfAnotherModelStopsTheServerBeforeItStarts() throws Exception {
        ServerConfig otherModel = ServerConfig.of("ptq.tflite", Files.readAllBytes(SharedFiles.PER_CHANNEL_MODEL),
                Files.readString(SharedFiles.path("models/imagenet_labels.txt"))).withClassifiers(1).withHead(head);

        InvalidHeadException refused = assertThrows(InvalidHeadException.class,
                () -> LensletServer.newServer(0, "127.0.0.1", otherModel));

        assertTrue(refused.getMessage().startsWith("head file " + head + ": the head was trained on another model"),
                refused.getMessage());
    }

    private static byte[] photo(String name) throws Exception {
        return Files.readAllBytes(SharedFiles.photo(name));
    }

    private static float[] embedding(JsonNode result) {
        JsonNode values = result.get("embedding");
        float[] embedding = new float[values.size()];
        for (int i = 0; i < embedding.length; i++) {
            embedding[i] = values.get(i).floatValue();
        }
        return embedding;
    }

    private static ContentResponse post(String path, String contentType, byte[] body) throws Exception {
        return server.request(path).method(HttpMethod.POST).body(new BytesRequestContent(contentType, body)).send();
    }

    private static JsonNode ok(ContentResponse response) throws Exception {
        assertEquals(200, response.getStatus(), response.getContentAsString());
        return JSON.readTree(response.getContent());
    }
}
