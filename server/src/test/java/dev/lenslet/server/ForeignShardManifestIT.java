package dev.lenslet.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lenslet.server.http.TestServer;
import dev.lenslet.server.model.ModelShards;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;


/**
 * A model manifest damaged so that one shard's url names another site (the same shard path on localhost, while
 * the page is on 127.0.0.1): the page says which shard is wrong, and the service worker does not keep that
 * manifest for offline starts (it used to, as its model hash was intact).
 */
class ForeignShardManifestIT {
    @AutoClose
    private static TestServer server;
    @AutoClose
    private static LensletPage page;
    private static String foreignOrigin;

    @BeforeAll
    static void startBrowserAndServer() throws Exception {
        page = LensletPage.inNewChromium(ForeignShardManifestIT.class);
        ReplacedFilesHandler replaced = new ReplacedFilesHandler();
        server = TestServer.startBehind(replaced);
        ObjectMapper json = new ObjectMapper();
        ObjectNode manifest = (ObjectNode) json.readTree(server.get(ModelShards.MANIFEST_PATH).getContent());
        ObjectNode shard = (ObjectNode) manifest.get("shards").get(1);
        foreignOrigin = "http://localhost:" + server.uri("/").getPort();
        shard.put("url", foreignOrigin + shard.get("url").asText());
        replaced.serve(Map.of(ModelShards.MANIFEST_PATH, json.writeValueAsBytes(manifest)));
    }

    @Test
    void thePageNamesTheShardAndTheServiceWorkerDoesNotKeepTheManifest() {
        page.open(server.uri("/"));
        page.waitForServiceWorkerControl();
        String error = page.waitFor("#model-error to report the manifest", LensletPage.MODEL_LOAD, () -> {
            String text = page.text("#model-error");
            return text.isEmpty() ? null : text;
        });

        assertTrue(error.contains("shard 2 of 4 is at \"" + foreignOrigin), "#model-error names the shard: " + error);
        Object cached = page.script("return caches.match(arguments[0]).then((cached) => cached !== undefined)",
                ModelShards.MANIFEST_PATH);
        assertEquals(Boolean.FALSE, cached, "the service worker keeps the damaged manifest for offline starts");
    }
}
