package dev.lenslet.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lenslet.server.SharedFiles;
import dev.lenslet.server.http.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.http.HttpMethod;
import org.junit.jupiter.api.Test;

/**
 * The CLI and the API classify the central square by default, as MobileNetV2 was evaluated: without a crop
 * option they answer as with crop center, and not as with crop none. grace_hopper.jpg tells them apart (the
 * centre crop drops the uniform), so these fail if a default goes back to none.
 */
class CenterCropDefaultTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path PHOTO = SharedFiles.photo("grace_hopper.jpg");

    @Test
    void classifyUsesTheCentreCropByDefault() throws Exception {
        JsonNode byDefault = top(Cli.classify("--json", PHOTO));
        JsonNode center = top(Cli.classify("--json", "--crop", "center", PHOTO));
        JsonNode none = top(Cli.classify("--json", "--crop", "none", PHOTO));

        assertEquals(center, byDefault);
        assertNotEquals(none.get(0).get("index"), byDefault.get(0).get("index"), "the photo tells the crops apart");
    }

    @Test
    void apiUsesTheCentreCropByDefault() throws Exception {
        try (TestServer server = TestServer.start(TestServer.sharedModelConfig())) {
            byte[] photo = Files.readAllBytes(PHOTO);
            JsonNode byDefault = post(server, "", photo);
            JsonNode center = post(server, "?crop=center", photo);
            JsonNode none = post(server, "?crop=none", photo);

            assertEquals(center, byDefault);
            assertNotEquals(none.get(0).get("index"), byDefault.get(0).get("index"));
        }
    }

    /** The classes and scores, without the timing. */
    private static JsonNode top(Cli.Result run) throws Exception {
        assertEquals(0, run.exitCode(), run.err());
        return JSON.readTree(run.out()).get("top");
    }

    private static JsonNode post(TestServer server, String query, byte[] photo) throws Exception {
        String body = server.request("/api/classify" + query).method(HttpMethod.POST)
                .body(new BytesRequestContent("image/jpeg", photo)).send().getContentAsString();
        return JSON.readTree(body).get("top");
    }
}
