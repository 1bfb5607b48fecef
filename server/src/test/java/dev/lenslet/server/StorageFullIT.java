package dev.lenslet.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A device with too little storage for the model: the service worker's caching of the shards fails with
 * QuotaExceededError. The page must say the model is not kept offline and go on classifying from the network.
 */
class StorageFullIT {
    /**
     * Room for the app shell and the model's manifest (together about 0.5 MB), but not for any shard of the model
     * besides them (the smallest, the last, is about 0.45 MB; the others 1 MiB).
     */
    private static final int QUOTA_BYTES = 700_000;

    @AutoClose
    private static TestServer server;
    @AutoClose
    private static LensletPage page;

    @BeforeAll
    static void startBrowserAndServer() throws Exception {
        page = LensletPage.inNewChromium(StorageFullIT.class);
        server = TestServer.start();
        String origin = server.uri("/").toString().replaceAll("/$", "");
        page.devTools("Storage.overrideQuotaForOrigin", Map.of("origin", origin, "quotaSize", QUOTA_BYTES));
    }

    @Test
    void fullStorageShowsANoticeAndPhotosAreStillClassified() {
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

    private static void waitForStorageNotice() {
        String notice = page.waitFor("#storage-notice to be shown", LensletPage.SERVICE_WORKER_INSTALL,
                () -> page.element("#storage-notice").isDisplayed() ? page.text("#storage-notice") : null)
                .replaceAll("\\s+", " ");
        assertTrue(notice.startsWith("Not enough storage to keep the model offline on this device, so Lenslet"
                + " works only while online."), notice);
    }

    private static void assertClassifies() {
        page.drop(SharedFiles.photo("grace_hopper.jpg"));
        LensletPage.Card card = page.finishedCard("grace_hopper.jpg", LensletPage.CLASSIFY_PHOTO);
        assertEquals("military uniform", card.topLabel(), () -> card + "\n" + page.diagnostics());
    }
}
