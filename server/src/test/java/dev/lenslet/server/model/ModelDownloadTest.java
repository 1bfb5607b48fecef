package dev.lenslet.server.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.lenslet.server.SharedFiles;
import dev.lenslet.server.cli.ClassifyCommand;
import dev.lenslet.server.cli.Cli;
import dev.lenslet.server.kernel.JvmKernels;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


/** The default model's download, against a server on the loopback interface: never the real network. */
class ModelDownloadTest {
    private static final String FILE_NAME = "mobilenet_v2_1.0_224_quant.tflite";
    private static final PrintWriter NOWHERE = new PrintWriter(Writer.nullWriter());

    @TempDir
    Path temp;

    private HttpServer server;
    private final AtomicInteger downloads = new AtomicInteger();
    /** What the server sends for the model file. */
    private volatile byte[] served;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        // Like GitHub's raw URLs: the pinned URL redirects to where the bytes are.
        server.createContext("/pinned/", exchange -> {
            exchange.getResponseHeaders().add("Location", "/files/" + FILE_NAME);
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/files/", exchange -> {
            downloads.incrementAndGet();
            exchange.sendResponseHeaders(200, served.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(served);
            }
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void correctFileIsCachedAndNotDownloadedAgain() throws Exception {
        served = Files.readAllBytes(SharedFiles.MODEL);
        Path cache = temp.resolve("cache");
        PinnedDownload download = new PinnedDownload(pinnedUrl(), sha256(served), cache);

        Path first = download.fetch(NOWHERE, NOWHERE);
        Path second = download.fetch(NOWHERE, NOWHERE);

        assertEquals(cache.resolve(FILE_NAME), first);
        assertEquals(first, second);
        assertArrayEquals(served, Files.readAllBytes(first));
        assertEquals(1, downloads.get());
        assertEquals(1, filesIn(cache), "no temporary file left behind");
    }

    @Test
    void checksumMismatchDeletesTheDownloadAndSaysSo() throws IOException {
        served = "not the model you are looking for".getBytes(StandardCharsets.US_ASCII);
        String expected = sha256(Files.readAllBytes(SharedFiles.MODEL));
        Path cache = temp.resolve("cache");
        PinnedDownload download = new PinnedDownload(pinnedUrl(), expected, cache);

        ModelUnavailableException e = assertThrows(ModelUnavailableException.class,
                () -> download.fetch(NOWHERE, NOWHERE));

        assertTrue(e.getMessage().contains("expected SHA-256 " + expected + " but got " + sha256(served)), e.getMessage());
        assertTrue(e.getMessage().contains("deleted"), e.getMessage());
        assertEquals(0, filesIn(cache));
    }

    @Test
    void httpErrorIsReported() {
        PinnedDownload download = new PinnedDownload(URI.create(baseUrl() + "/nothing/" + FILE_NAME), "0".repeat(64),
                temp.resolve("cache"));

        ModelUnavailableException e = assertThrows(ModelUnavailableException.class,
                () -> download.fetch(NOWHERE, NOWHERE));

        assertTrue(e.getMessage().contains("HTTP 404"), e.getMessage());
    }

    @Test
    void classifyDownloadsTheDefaultModelOnceWithAProgressBar() throws Exception {
        served = Files.readAllBytes(SharedFiles.MODEL);
        ModelSource source = new ModelSource(temp.resolve("no-local-copy.tflite"),
                new PinnedDownload(pinnedUrl(), sha256(served), temp.resolve("cache")));
        String cat = SharedFiles.photo("cat.bmp").toString();

        Cli.Result first = Cli.run(new ClassifyCommand(source, true), "--json", cat);
        Cli.Result second = Cli.run(new ClassifyCommand(source, true), "--json", cat);

        assertEquals(0, first.exitCode(), first.err());
        assertTrue(first.err().contains("downloading " + FILE_NAME + " ["), first.err());
        assertTrue(first.out().contains("\"Egyptian cat\""), first.out());
        assertEquals(0, second.exitCode(), second.err());
        assertEquals(List.of(JvmKernels.description()), second.err().lines().toList(), "no download the second time");
        assertEquals(1, downloads.get());
    }

    @Test
    void classifyStopsWithExitCode2WhenTheDownloadIsWrong() throws Exception {
        served = new byte[1000];
        String expected = sha256(Files.readAllBytes(SharedFiles.MODEL));
        ModelSource source = new ModelSource(temp.resolve("no-local-copy.tflite"),
                new PinnedDownload(pinnedUrl(), expected, temp.resolve("cache")));

        Cli.Result run = Cli.run(new ClassifyCommand(source, false), SharedFiles.photo("cat.bmp").toString());

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("wrong checksum: expected SHA-256 " + expected + " but got " + sha256(served)),
                run.err());
        assertEquals("", run.out());
        assertEquals(0, filesIn(temp.resolve("cache")));
    }

    @Test
    void localCopyOrGivenModelNeedsNoDownload() throws ModelUnavailableException {
        served = new byte[0];
        Path unusedCache = temp.resolve("cache");
        ModelSource source = new ModelSource(SharedFiles.MODEL, new PinnedDownload(pinnedUrl(), "0".repeat(64), unusedCache));

        assertEquals(SharedFiles.MODEL, source.resolve(null, NOWHERE, NOWHERE));
        assertEquals(SharedFiles.LOGITS_MODEL, source.resolve(SharedFiles.LOGITS_MODEL, NOWHERE, NOWHERE));
        assertEquals(0, downloads.get());
        assertTrue(Files.notExists(unusedCache));
    }

    private String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private URI pinnedUrl() {
        return URI.create(baseUrl() + "/pinned/" + FILE_NAME);
    }

    private static long filesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
