package dev.lenslet.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lenslet.server.http.TestServer;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;


/**
 * A device with too little storage: the service worker's caching fails with QuotaExceededError. The page must say
 * that Lenslet is not kept for offline use and go on classifying from the network. Each test has a server (so an
 * origin, with its own quota) of its own; the browser is shared.
 */
class StorageFullIT {
    @AutoClose
    private static LensletPage page;
    @AutoClose
    private TestServer server;

    @BeforeAll
    static void startBrowser() {
        page = LensletPage.inNewChromium(StorageFullIT.class);
    }

    @BeforeEach
    void startServer() throws Exception {
        server = TestServer.start();
    }

    @Test
    void modelThatDoesNotFitGetsANoticeAndPhotosAreStillClassified() {
        // Room for the app shell and the model's manifest (together about 0.5 MB) but for no shard besides them
        // (the smallest, the last, is about 0.45 MB; the others 1 MiB).
        limitStorage(700_000);
        page.open(server.uri("/"));
        page.waitForModelReady();
        page.waitForServiceWorkerControl();
        waitForStorageNotice();
        assertEquals(Boolean.FALSE, page.script("""
                return caches.keys().then((names) => Promise.all(names.map((name) => caches.open(name)
                    .then((cache) => cache.keys())
                    .then((requests) => requests.some((request) => request.url.endsWith('.bin'))))))
                    .then((found) => found.includes(true));
                """), "no shard fits in the cache");
        assertClassifies();

        // Now the service worker answers the model's requests: it still serves every shard, kept or not.
        page.reload();
        page.waitForModelReady();
        waitForStorageNotice();
        assertClassifies();
    }

    @Test
    void shellThatDoesNotFitGetsANoticeAndPhotosAreStillClassified() {
        limitStorage(100_000);
        page.open(server.uri("/"));
        page.waitForModelReady();
        waitForStorageNotice();
        assertClassifies();
    }

    /** Gives the test's origin a storage quota of {@code bytes}, through DevTools. */
    private void limitStorage(int bytes) {
        String origin = server.uri("/").toString().replaceAll("/$", "");
        page.devTools("Storage.overrideQuotaForOrigin", Map.of("origin", origin, "quotaSize", bytes));
    }

    private static void waitForStorageNotice() {
        String notice = page.waitFor("#storage-notice to be shown", LensletPage.SERVICE_WORKER_INSTALL,
                () -> page.element("#storage-notice").isDisplayed() ? page.text("#storage-notice") : null)
                .replaceAll("\\s+", " ");
        assertEquals("There is not enough storage on this device to keep Lenslet for offline use, so it works only"
                + " while online. Free some space, then reload.", notice);
    }

    private static void assertClassifies() {
        // A photo whose label holds whether the page classifies its central square (the default) or all of it.
        page.drop(SharedFiles.photo("hot_dog.jpg"));
        LensletPage.Card card = page.finishedCard("hot_dog.jpg", LensletPage.CLASSIFY_PHOTO);
        assertEquals("hotdog", card.topLabel(), () -> card + "\n" + page.diagnostics());
    }
}
