package dev.lenslet.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lenslet.server.http.TestServer;
import dev.lenslet.server.model.ModelShards;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


/**
 * After one visit, the service worker starts the page, loads its model and classifies with the server gone; when
 * part of the model is no longer cached, the page says what is missing. Each test has a server (so a site, with
 * its service worker and caches) of its own, which it stops; the browser, with a fake camera, is shared.
 */
class OfflineIT {
    @TempDir
    static Path temp;

    @AutoClose
    private static LensletPage page;
    @AutoClose
    private TestServer server;

    @BeforeAll
    static void startBrowser() throws Exception {
        Path catVideo = FakeCameraVideo.write(SharedFiles.photo("cat.bmp"), temp.resolve("cat.y4m"));
        page = LensletPage.inNewChromium(OfflineIT.class, Chromium.fakeCamera(catVideo));
    }

    @BeforeEach
    void startServer() throws Exception {
        server = TestServer.start();
    }

    @Test
    void pageWorksOfflineAfterOneVisit() throws Exception {
        visitUntilCachedForOffline();

        server.stopServing();
        page.reload();

        page.waitForModelReady();
        // A photo whose label holds whether the page classifies its central square (the default) or all of it.
        page.drop(SharedFiles.photo("hot_dog.jpg"));
        LensletPage.Card card = page.finishedCard("hot_dog.jpg", LensletPage.CLASSIFY_PHOTO);
        assertEquals("hotdog", card.topLabel(), () -> card + "\n" + page.diagnostics());
    }

    @Test
    void offlineStartWithAPartOfTheModelMissingSaysWhatIsMissing() throws Exception {
        JsonNode shards = new ObjectMapper().readTree(server.uri(ModelShards.MANIFEST_PATH).toURL()).get("shards");
        visitUntilCachedForOffline();
        // As when the browser evicted part of the model: one shard gone from the service worker's cache and, as
        // the HTTP cache would otherwise still have it, that cache cleared.
        assertEquals(Boolean.TRUE, page.script("""
                const path = arguments[0];
                return caches.keys()
                    .then((names) => caches.open(names.find((name) => name.startsWith('lenslet-model-'))))
                    .then((cache) => cache.delete(path));
                """, shards.get(1).get("url").asText()), "a shard of the model was cached, and is now deleted");
        page.devTools("Network.clearBrowserCache", Map.of());

        server.stopServing();
        page.reload();

        String error = page.waitFor("#model-error to say what is missing", LensletPage.MODEL_LOAD, () -> {
            String text = page.text("#model-error");
            return text.isEmpty() ? null : text;
        });
        assertEquals("The model is not fully available offline: 1 of " + shards.size() + " parts is missing."
                + " Connect once to finish downloading.", error);
        // The rest of the page still works: a photo gets a card saying why it is not classified, and the camera runs.
        page.drop(SharedFiles.photo("grace_hopper.jpg"));
        LensletPage.Card card = page.finishedCard("grace_hopper.jpg", LensletPage.CLASSIFY_PHOTO);
        assertEquals("grace_hopper.jpg was not classified: the model could not be loaded.", card.errorMessage(),
                card::toString);
        page.element("#camera-toggle").click();
        page.waitForCameraPlaying();
        assertEquals("Stop camera", page.text("#camera-toggle"));
        assertEquals("", page.text("#camera-message"));
    }

    /** Opens the page and waits until the service worker has cached the shell and the model. */
    private void visitUntilCachedForOffline() {
        page.open(server.uri("/"));
        page.waitForModelReady();
        // The second worker starts downloading when the first is ready; a shard it fetched after a test deleted
        // that shard from the cache would be cached again.
        page.waitForAllWorkersSettled();
        // No reload: the worker claims the page that installed it, having cached the shell and the model.
        page.waitForServiceWorkerControl();
    }
}
