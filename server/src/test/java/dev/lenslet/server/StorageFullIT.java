package dev.lenslet.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.lenslet.server.http.TestServer;
import dev.lenslet.server.model.ModelShards;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.client.ContentResponse;
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
    void modelThatDoesNotFitGetsANoticeAndPhotosAreStillClassified() throws Exception {
        Sizes sizes = Sizes.of(server);
        // Room for the service worker, the app shell and the model's manifest, with less to spare than the smallest
        // shard: the shell is cached first, so no shard can fit beside it, whatever order the shards come in.
        long quota = sizes.shellWorkerAndManifest() + sizes.smallestShard() / 2;
        assertTrue(quota < sizes.shellWorkerAndManifest() + sizes.smallestShard(), () -> "no shard fits: " + sizes);
        limitStorage(quota);
        page.open(server.uri("/"));
        page.waitForModelReady();
        // Settled: the install (the shell, then the model) is over, and no classifier worker still downloads.
        page.waitForServiceWorkerControl();
        page.waitForAllWorkersSettled();
        waitForStorageNotice();
        assertEquals(sizes.shellFiles().size(), cachedCount("lenslet-shell-", ""), () -> "the whole shell is cached,"
                + " in a quota of " + quota + " B: " + sizes + "\n" + page.diagnostics());
        assertEquals(0L, cachedCount("lenslet-model-", ".bin"), () -> "no shard fits in the cache: " + sizes);
        assertClassifies();

        // Now the service worker answers the model's requests: it still serves every shard, kept or not.
        page.reload();
        page.waitForModelReady();
        waitForStorageNotice();
        assertClassifies();
    }

    @Test
    void shellThatDoesNotFitGetsANoticeAndPhotosAreStillClassified() throws Exception {
        Sizes sizes = Sizes.of(server);
        limitStorage(sizes.shellBytes() / 2);
        page.open(server.uri("/"));
        page.waitForModelReady();
        waitForStorageNotice();
        // The notice is sent once the shell's addAll has failed, which stores all of the shell or none of it.
        assertEquals(0L, cachedCount("lenslet-shell-", ""), "no part of the shell is kept");
        assertClassifies();
    }

    /**
     * How many requests whose URL ends with {@code suffix} the caches named {@code prefix...} hold. Read from the
     * page, which shares its origin's caches with the service worker.
     */
    private static long cachedCount(String prefix, String suffix) {
        return ((Number) page.script("""
                const [prefix, suffix] = arguments;
                return caches.keys()
                    .then((names) => Promise.all(names.filter((name) => name.startsWith(prefix))
                        .map((name) => caches.open(name).then((cache) => cache.keys()))))
                    .then((lists) => lists.flat().filter((request) => request.url.endsWith(suffix)).length);
                """, prefix, suffix)).longValue();
    }

    /** What the origin will store, in bytes as served: the service worker's script, its shell list, the model. */
    private record Sizes(List<String> shellFiles, long shellBytes, long workerBytes, long manifestBytes,
                         long smallestShard) {
        private static final Pattern SHELL_LIST = Pattern.compile("const SHELL_FILES = \\[(.*?)\\];", Pattern.DOTALL);
        private static final Pattern QUOTED = Pattern.compile("'([^']*)'");

        static Sizes of(TestServer server) throws Exception {
            String worker = server.get("/sw.js").getContentAsString();
            Matcher list = SHELL_LIST.matcher(worker);
            assertTrue(list.find(), "sw.js lists its shell in SHELL_FILES");
            List<String> shellFiles = QUOTED.matcher(list.group(1)).results().map((file) -> file.group(1)).toList();
            long shellBytes = 0;
            for (String file : shellFiles) {
                shellBytes += bodyLength(server, "/" + file.replaceFirst("^\\./", ""));
            }
            JsonNode shards = new ObjectMapper().readTree(server.get(ModelShards.MANIFEST_PATH).getContent())
                    .get("shards");
            long smallestShard = Long.MAX_VALUE;
            for (JsonNode shard : shards) {
                smallestShard = Math.min(smallestShard, shard.get("bytes").asLong());
            }
            return new Sizes(shellFiles, shellBytes, bodyLength(server, "/sw.js"),
                    bodyLength(server, ModelShards.MANIFEST_PATH), smallestShard);
        }

        private static long bodyLength(TestServer server, String path) throws Exception {
            ContentResponse response = server.get(path);
            assertEquals(200, response.getStatus(), path);
            return response.getContent().length;
        }

        long shellWorkerAndManifest() {
            return shellBytes + workerBytes + manifestBytes;
        }
    }

    /** Gives the test's origin a storage quota of {@code bytes}, through DevTools. */
    private void limitStorage(long bytes) {
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
        page.drop(SharedFiles.photo("grace_hopper.jpg"));
        LensletPage.Card card = page.finishedCard("grace_hopper.jpg", LensletPage.CLASSIFY_PHOTO);
        assertEquals("military uniform", card.topLabel(), () -> card + "\n" + page.diagnostics());
    }
}
