package dev.lenslet.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lenslet.server.http.TestServer;
import dev.lenslet.server.model.ModelShards;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;


/** A weight shard damaged on the way: the page must refuse the model, say why, and classify nothing with it. */
class TamperedShardIT {
    @AutoClose
    private static TestServer server;
    private static JsonNode shards;
    @AutoClose
    private static LensletPage page;

    @BeforeAll
    static void startBrowserAndServer() throws Exception {
        page = LensletPage.inNewChromium(TamperedShardIT.class);
        ShardTamperingHandler tampering = new ShardTamperingHandler();
        server = TestServer.startBehind(tampering);
        shards = new ObjectMapper().readTree(server.uri(ModelShards.MANIFEST_PATH).toURL()).get("shards");
        tampering.damage(shardPath(1));
    }


    @Test
    void damagedShardFailsTheHashCheckAndNothingIsClassified() {
        page.open(server.uri("/"));

        String error = page.waitFor("#model-error to report the failed check", LensletPage.MODEL_LOAD, () -> {
            String text = page.text("#model-error");
            return text.isEmpty() ? null : text;
        });
        assertTrue(error.contains("SHA-256"), "#model-error names the SHA-256 check: " + error);
        assertEquals(Boolean.FALSE, page.script("return window.lensletState.modelReady"));

        page.drop(SharedFiles.photo("grace_hopper.jpg"));
        LensletPage.Card card = page.finishedCard("grace_hopper.jpg", LensletPage.CLASSIFY_PHOTO);
        assertTrue(card.labels().isEmpty(), () -> "a photo got labels from a damaged model: " + card);
        assertTrue(card.error(), () -> "the card says the photo was not classified: " + card);
    }

    @Test
    void serviceWorkerCachesTheGoodShardsButNotTheDamagedOne() {
        page.open(server.uri("/"));
        // Control comes after install, which has fetched (and hash-checked) every shard of the model.
        page.waitForServiceWorkerControl();

        assertEquals(Boolean.TRUE, isCached(shardPath(0)), "an intact shard is cached for offline use");
        assertEquals(Boolean.FALSE, isCached(shardPath(1)), "the damaged shard is not kept");
    }

    private static Object isCached(String path) {
        return page.script("return caches.match(arguments[0]).then((cached) => cached !== undefined)", path);
    }

    /** The URL path of shard {@code index}, as the server's manifest lists it. */
    private static String shardPath(int index) {
        return shards.get(index).get("url").asText();
    }
}
