package dev.lenslet.server.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lenslet.server.SharedFiles;
import dev.lenslet.server.model.ModelShards;
import dev.lenslet.server.model.ModelSource;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.http.HttpHeader;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;


/** The model as the browser fetches it: the manifest, then every shard, checked against their hashes. */
class ModelEndpointTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @AutoClose
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(TestServer.sharedModelConfig());
    }


    @Test
    void manifestIsJsonThatIsRevalidated() throws Exception {
        ContentResponse response = server.get(ModelShards.MANIFEST_PATH);

        assertEquals(200, response.getStatus());
        assertEquals("application/json", response.getMediaType());
        assertEquals("no-cache", response.getHeaders().get(HttpHeader.CACHE_CONTROL));
        JsonNode manifest = JSON.readTree(response.getContent());
        assertEquals("lenslet-shards-1", manifest.get("format").asText());
        assertTrue(manifest.get("tensors").size() > 100);
        assertTrue(manifest.get("labels").isNull(), "the primary model's labels are embedded");
        StaticFilesTest.assertSecurityHeaders(response);

        String etag = response.getHeaders().get(HttpHeader.ETAG);
        ContentResponse again = server.request(ModelShards.MANIFEST_PATH)
                .headers(headers -> headers.put(HttpHeader.IF_NONE_MATCH, etag)).send();
        assertEquals(304, again.getStatus());
    }

    @Test
    void manifestIsGzippedWhenAccepted() throws Exception {
        ContentResponse response = server.request(ModelShards.MANIFEST_PATH)
                .headers(headers -> headers.put(HttpHeader.ACCEPT_ENCODING, "gzip")).send();

        assertEquals("gzip", response.getHeaders().get(HttpHeader.CONTENT_ENCODING));
        JSON.readTree(StaticFilesTest.gunzip(response.getContent()));
    }

    @Test
    void everyShardIsImmutableUncompressedAndMatchesItsHash() throws Exception {
        JsonNode manifest = JSON.readTree(server.get(ModelShards.MANIFEST_PATH).getContent());
        ByteArrayOutputStream reassembled = new ByteArrayOutputStream();

        for (JsonNode listed : manifest.get("shards")) {
            String url = listed.get("url").asText();
            ContentResponse shard = server.request(url)
                    .headers(headers -> headers.put(HttpHeader.ACCEPT_ENCODING, "gzip")).send();

            assertEquals(200, shard.getStatus(), url);
            assertEquals("application/octet-stream", shard.getMediaType());
            assertNull(shard.getHeaders().get(HttpHeader.CONTENT_ENCODING), "8-bit weights barely compress");
            assertEquals(CacheControl.IMMUTABLE, shard.getHeaders().get(HttpHeader.CACHE_CONTROL));
            String sha = ModelShards.sha256(shard.getContent(), 0, shard.getContent().length);
            assertEquals(listed.get("sha256").asText(), sha);
            assertTrue(url.endsWith("/" + sha + ".bin"), url);
            assertEquals('"' + sha + '"', shard.getHeaders().get(HttpHeader.ETAG));
            assertEquals(listed.get("bytes").asInt(), shard.getContent().length);
            reassembled.writeBytes(shard.getContent());
        }

        byte[] model = Files.readAllBytes(SharedFiles.MODEL);
        assertArrayEquals(model, reassembled.toByteArray());
        assertEquals(manifest.get("model").get("sha256").asText(),
                ModelShards.sha256(reassembled.toByteArray(), 0, reassembled.size()));
    }

    @Test
    void unknownShardIsNotFound() throws Exception {
        String folder = "/model/" + ModelSource.PINNED_SHA256.substring(0, 16) + "/";

        assertEquals(404, server.get(folder + "0".repeat(64) + ".bin").getStatus());
        assertEquals(404, server.get("/model/0123456789abcdef/" + "0".repeat(64) + ".bin").getStatus());
        assertEquals(404, server.get("/model/").getStatus());
    }
}
