package dev.lenslet.server.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lenslet.server.model.ModelSource;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.util.HostPort;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;


/** The page and its files from classpath web/ (static/ plus the test fixtures), with their headers. */
class StaticFilesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * The policy as shipped, spelled out here rather than read from the code: "images never leave the device"
     * rests on connect-src 'self' (no fetch, beacon or WebSocket elsewhere), and the page runs no inline script.
     */
    private static final String POLICY_AFTER_SCRIPT_SRC = "; worker-src 'self'; img-src 'self' blob: data:;"
            + " media-src 'self' blob: mediastream:; connect-src 'self'; style-src 'self'; object-src 'none';"
            + " base-uri 'none'; frame-ancestors 'none'; form-action 'self'";
    private static final String PAGE_POLICY = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'"
            + POLICY_AFTER_SCRIPT_SRC;
    /** The worker's script alone may also eval: TeaVM's Wasm GC glue needs it (see SecurityHeadersHandler). */
    private static final String WORKER_POLICY = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'unsafe-eval'"
            + POLICY_AFTER_SCRIPT_SRC;
    @AutoClose
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(TestServer.sharedModelConfig());
    }


    @Test
    void healthzReportsTheModel() throws Exception {
        ContentResponse response = server.get("/healthz");

        assertEquals(200, response.getStatus());
        assertEquals("application/json", response.getMediaType());
        JsonNode health = JSON.readTree(response.getContent());
        assertEquals("ok", health.get("status").asText());
        assertEquals("mobilenet_v2_1.0_224_quant.tflite", health.get("model").get("name").asText());
        assertEquals(ModelSource.PINNED_SHA256, health.get("model").get("sha256").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/index.html"})
    void indexIsRevalidatedAndHardened(String path) throws Exception {
        ContentResponse response = server.get(path);

        assertEquals(200, response.getStatus());
        assertEquals("text/html", response.getMediaType());
        assertTrue(response.getContentAsString().contains("<title>Lenslet"), response.getContentAsString());
        assertEquals("no-cache", response.getHeaders().get(HttpHeader.CACHE_CONTROL));
        assertNotNull(response.getHeaders().get(HttpHeader.ETAG));
        assertSecurityHeaders(response);
    }

    @Test
    void wasmHasItsMimeTypeAndIsGzippedWhenAccepted() throws Exception {
        byte[] original;
        try (InputStream in = getClass().getResourceAsStream("/web/fixtures/module.wasm")) {
            original = in.readAllBytes();
        }

        ContentResponse gzipped = server.request("/fixtures/module.wasm")
                .headers(headers -> headers.put(HttpHeader.ACCEPT_ENCODING, "gzip")).send();
        ContentResponse plain = server.get("/fixtures/module.wasm");

        assertEquals(200, gzipped.getStatus());
        assertEquals("application/wasm", gzipped.getMediaType());
        assertEquals("gzip", gzipped.getHeaders().get(HttpHeader.CONTENT_ENCODING));
        assertTrue(gzipped.getContent().length < original.length);
        assertArrayEquals(original, gunzip(gzipped.getContent()));
        assertNull(plain.getHeaders().get(HttpHeader.CONTENT_ENCODING), "no gzip unless the client accepts it");
        assertArrayEquals(original, plain.getContent());
        assertSecurityHeaders(gzipped);
    }

    @Test
    void onlyTheWorkerScriptMayUseEval() throws Exception {
        ContentResponse worker = server.get(SecurityHeadersHandler.WORKER_PATH);

        assertEquals(200, worker.getStatus(), "worker.js comes from the webapp jar");
        assertEquals("text/javascript", worker.getMediaType());
        assertEquals(WORKER_POLICY, worker.getHeaders().get("Content-Security-Policy"));
    }

    @Test
    void workerScriptKeepsItsPolicyWhenRevalidated() throws Exception {
        String etag = server.get(SecurityHeadersHandler.WORKER_PATH).getHeaders().get(HttpHeader.ETAG);

        ContentResponse again = server.request(SecurityHeadersHandler.WORKER_PATH)
                .headers(headers -> headers.put(HttpHeader.IF_NONE_MATCH, etag)).send();

        assertEquals(304, again.getStatus());
        assertEquals(WORKER_POLICY, again.getHeaders().get("Content-Security-Policy"));
    }

    @Test
    void javaScriptAndWebManifestHaveTheirMimeTypes() throws Exception {
        assertEquals("text/javascript", server.get("/fixtures/app.3f2a9c1e.js").getMediaType());
        assertEquals("application/manifest+json", server.get("/fixtures/site.webmanifest").getMediaType());
    }

    @Test
    void contentHashedFilesAreImmutableAndOthersRevalidate() throws Exception {
        assertEquals("public, max-age=31536000, immutable",
                server.get("/fixtures/app.3f2a9c1e.js").getHeaders().get(HttpHeader.CACHE_CONTROL));
        assertEquals("no-cache", server.get("/fixtures/site.webmanifest").getHeaders().get(HttpHeader.CACHE_CONTROL));
        assertEquals("no-cache", server.get("/fixtures/module.wasm").getHeaders().get(HttpHeader.CACHE_CONTROL));
    }

    @Test
    void unchangedFileRevalidatesWithItsEtag() throws Exception {
        String etag = server.get("/index.html").getHeaders().get(HttpHeader.ETAG);

        ContentResponse again = server.request("/index.html")
                .headers(headers -> headers.put(HttpHeader.IF_NONE_MATCH, etag)).send();

        assertEquals(304, again.getStatus());
        assertEquals(0, again.getContent().length);
    }

    /** A 304 renews the cached 200, so it repeats that response's caching: immutable or revalidate. */
    @ParameterizedTest
    @ValueSource(strings = {"/index.html", "/fixtures/app.3f2a9c1e.js", "/fixtures/site.webmanifest"})
    void revalidationKeepsTheCacheControlOfTheFile(String path) throws Exception {
        ContentResponse first = server.get(path);

        ContentResponse again = server.request(path)
                .headers(headers -> headers.put(HttpHeader.IF_NONE_MATCH, first.getHeaders().get(HttpHeader.ETAG)))
                .send();

        assertEquals(304, again.getStatus());
        assertEquals(first.getHeaders().get(HttpHeader.CACHE_CONTROL),
                again.getHeaders().get(HttpHeader.CACHE_CONTROL));
    }

    @Test
    void unknownPathIsAJson404WithTheSecurityHeaders() throws Exception {
        ContentResponse response = server.get("/no-such-file.js");

        assertEquals(404, response.getStatus());
        assertEquals("application/json", response.getMediaType());
        assertTrue(JSON.readTree(response.getContent()).get("error").asText().contains("/no-such-file.js"));
        assertSecurityHeaders(response);
        assertFalse(CacheControl.IMMUTABLE.equals(response.getHeaders().get(HttpHeader.CACHE_CONTROL)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/fixtures/", "/fixtures"})
    void foldersAreNotListed(String path) throws Exception {
        ContentResponse response = server.request(path).followRedirects(true).send();

        assertTrue(response.getStatus() == 403 || response.getStatus() == 404, "status " + response.getStatus());
        assertFalse(response.getContentAsString().contains("module.wasm"), response.getContentAsString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/../pom.xml", "/%2e%2e/", "/%2e%2e/pom.xml", "/web/../", "/fixtures/../../pom.xml",
        "/..%2fpom.xml", "/fixtures/%2e%2e/%2e%2e/pom.xml", "/%2e%2e%5cpom.xml", "/%252e%252e/pom.xml",
        "/%252e%252e%252fpom.xml", "/..\\pom.xml", "/fixtures\\..\\..\\pom.xml", "/%2fetc%2fpasswd",
        "//etc/passwd", "/model/..%2f..%2fpom.xml", "/model/%2e%2e/%2e%2e/pom.xml", "/.%2e/pom.xml",
        "/%c0%ae%c0%ae/pom.xml"})
    void pathTraversalIsRefusedWithA400(String path) throws Exception {
        String response = server.sendRaw("GET " + path + " HTTP/1.1");

        assertEquals("400", response.substring(9, 12), path + " gave " + response);
        assertFalse(response.contains("<project") || response.contains("<artifactId>")
                || response.contains("root:"), response);
    }

    /** Path parameters would serve the page under a second URL; they are refused, as dot segments are. */
    @ParameterizedTest
    @ValueSource(strings = {"/index.html;x", "/;x", "/index.html;jsessionid=1", "/fixtures;a/module.wasm",
        "/healthz;x", "/model/manifest.json;x"})
    void pathParametersAreABadRequest(String path) throws Exception {
        String response = server.sendRaw("GET " + path + " HTTP/1.1");

        assertTrue(response.startsWith("HTTP/1.1 400 "), path + " gave " + response);
        assertTrue(response.contains(";parameters") && !response.contains("<!DOCTYPE"), response);
    }

    /**
     * A malformed Host header is a 400, and Jetty's loggers that note one (HostPort, and HttpParser for a second
     * Host) do not write a WARN line for each, so a client cannot flood the log.
     */
    @ParameterizedTest
    @ValueSource(strings = {"a b", "127.0.0.1:99999", "[::1", "a\r\nHost: b"})
    void badHostHeadersAreABadRequestWithoutAWarning(String host) throws Exception {
        try (Socket socket = new Socket(server.uri("/").getHost(), server.uri("/").getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET /healthz HTTP/1.1\r\nHost: " + host
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);

            assertTrue(response.startsWith("HTTP/1.1 400 "), response);
        }
        for (Class<?> logging : List.of(HostPort.class, HttpParser.class)) {
            assertFalse(LoggerFactory.getLogger(logging).isWarnEnabled(), logging.getName());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND"})
    void otherMethodsAreNotAllowed(String method) throws Exception {
        for (String path : new String[] {"/", "/index.html", "/healthz", "/model/manifest.json", "/api/classify"}) {
            ContentResponse response = server.request(path).method(method).send();

            assertEquals(405, response.getStatus(), method + " " + path);
            assertNotNull(response.getHeaders().get(HttpHeader.ALLOW));
            assertTrue(JSON.readTree(response.getContent()).get("error").asText().startsWith(method + " " + path),
                    response.getContentAsString());
        }
    }

    @Test
    void postIsOnlyForTheApi() throws Exception {
        ContentResponse response = server.request("/index.html").method(HttpMethod.POST).send();

        assertEquals(405, response.getStatus());
        assertEquals("GET, HEAD", response.getHeaders().get(HttpHeader.ALLOW));
    }

    @Test
    void headGivesTheHeadersWithoutTheBody() throws Exception {
        ContentResponse response = server.request("/index.html").method(HttpMethod.HEAD).send();

        assertEquals(200, response.getStatus());
        assertEquals(0, response.getContent().length);
        assertTrue(response.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH) > 0);
    }

    static void assertSecurityHeaders(ContentResponse response) {
        assertEquals(PAGE_POLICY, response.getHeaders().get("Content-Security-Policy"));
        assertEquals("nosniff", response.getHeaders().get("X-Content-Type-Options"));
        assertEquals("no-referrer", response.getHeaders().get("Referrer-Policy"));
        assertEquals("same-origin", response.getHeaders().get("Cross-Origin-Opener-Policy"));
        assertEquals("require-corp", response.getHeaders().get("Cross-Origin-Embedder-Policy"));
    }

    static byte[] gunzip(byte[] gzipped) throws Exception {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            return in.readAllBytes();
        }
    }
}
