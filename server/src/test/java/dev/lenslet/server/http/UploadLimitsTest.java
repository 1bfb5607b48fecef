package dev.lenslet.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lenslet.server.SharedFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.http.HttpMethod;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;


/** Uploads that stall, trickle or crowd the classifier get a JSON answer, and the server keeps serving. */
class UploadLimitsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @AutoClose
    private static TestServer server;
    private static byte[] cat;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(TestServer.sharedModelConfig().withClients(ClientLimits.DEFAULT
                .withIdle(Duration.ofSeconds(5)).withHeaders(Duration.ofMillis(500))
                .withUpload(Duration.ofSeconds(10), 16 * 1024, Duration.ofMillis(500))));
        cat = Files.readAllBytes(SharedFiles.photo("cat.bmp"));
    }

    /** Nothing more is sent: the timer, not an arriving byte, ends the upload at the minimum rate's deadline. */
    @Test
    void stalledUploadIsARequestTimeout() throws Exception {
        try (Socket client = startUpload(cat.length)) {
            client.getOutputStream().write(cat, 0, 2);
            client.getOutputStream().flush();

            assertStatusAndJsonError(readResponse(client), 408, "too slowly");
        }
        assertEquals(200, classifyCat().getStatus(), "the server goes on serving");
    }

    /** A few bytes at a time keep the connection from idling; the minimum rate, checked by time, ends it. */
    @Test
    void tricklingUploadIsARequestTimeout() throws Exception {
        try (Socket client = startUpload(cat.length)) {
            OutputStream out = client.getOutputStream();
            InputStream in = client.getInputStream();
            client.setSoTimeout(100); // the trickle's pace: a read that finds no answer yet sends the next bytes
            String response = null;
            for (int sent = 0; sent < 2000 && response == null; sent += 20) {
                try {
                    out.write(cat, sent, 20);
                    out.flush();
                    int first = in.read();
                    response = (char) first + new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
                } catch (SocketTimeoutException e) {
                    // no answer yet: go on trickling
                } catch (IOException e) {
                    break; // answered and closed while sending
                }
            }
            assertTrue(response != null, "the server never answered the trickle of 2000 bytes");
            assertStatusAndJsonError(response, 408, "at least 16 KiB/s");
        }
    }

    /**
     * Uploads still arriving hold no admission: with every admission's worth of uploads stalled mid-body, a
     * complete request is classified. Admission comes only once the body has fully arrived.
     */
    @Test
    void slowUploadsDoNotTakeTheClassifiers() throws Exception {
        List<Socket> holders = new ArrayList<>();
        try {
            for (int i = 0; i < ClassifyHandler.ADMITTED_PER_CLASSIFIER; i++) {
                Socket holder = startUpload(cat.length);
                holder.getOutputStream().write(cat, 0, cat.length - 1);
                holder.getOutputStream().flush();
                holders.add(holder);
            }

            ContentResponse classified = classifyCat();

            assertEquals(200, classified.getStatus(), classified.getContentAsString());
        } finally {
            for (Socket holder : holders) {
                holder.close();
            }
        }
    }

    /** Headers sent a byte at a time never idle the connection; the header deadline closes it. */
    @Test
    void headersTrickledByteByByteAreCutOff() throws Exception {
        try (Socket client = new Socket(server.uri("/").getHost(), server.uri("/").getPort())) {
            client.setSoTimeout(100); // the trickle's pace
            byte[] request = ("GET /index.html HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "
                    + "a".repeat(200)).getBytes(StandardCharsets.ISO_8859_1);
            boolean closed = false;
            for (int i = 0; i < request.length && !closed; i++) {
                try {
                    client.getOutputStream().write(request[i]);
                    client.getOutputStream().flush();
                    closed = client.getInputStream().read() < 0;
                } catch (SocketTimeoutException e) {
                    // still open: send the next byte
                } catch (IOException e) {
                    closed = true;
                }
            }
            assertTrue(closed, "the connection stayed open for " + request.length + " bytes of headers");
        }
        assertEquals(200, server.get("/healthz").getStatus());
    }

    /** The limits as shipped are the ones SECURITY.md documents. */
    @Test
    void defaultLimitsAreTheDocumentedOnes() throws Exception {
        ServerConfig shipped = ServerConfig.of("model.tflite", new byte[0], null);
        assertEquals(20 << 20, shipped.maxUploadBytes());
        assertEquals(Duration.ofSeconds(30), shipped.clients().idle());
        assertEquals(Duration.ofSeconds(10), shipped.clients().headers());
        assertEquals(Duration.ofSeconds(120), shipped.clients().upload());
        assertEquals(16 * 1024, shipped.clients().minUploadRate());
        assertEquals(Duration.ofSeconds(5), shipped.clients().uploadRateGrace());
        assertEquals(16, shipped.clients().uploadsInProgress());
        assertEquals(Duration.ofSeconds(20), shipped.clients().decode());
        assertEquals(64, shipped.clients().threads());
        String security = Files.readString(Path.of("..", "SECURITY.md"));
        for (String documented : List.of("| upload size (`/api/classify`) | 20 MiB |", "| idle connection | 30 s",
                "| request headers | 10 s", "| whole upload | 120 s", "at least 16 KiB/s after the first 5 s",
                "| uploads in progress | 16 |", "| server threads | 64 |", "| decoding time | 20 s")) {
            assertTrue(security.contains(documented), "SECURITY.md lacks: " + documented);
        }
    }

    private static ContentResponse classifyCat() throws Exception {
        return server.request("/api/classify").method(HttpMethod.POST)
                .body(new BytesRequestContent("image/bmp", cat)).send();
    }

    private static Socket startUpload(int contentLength) throws IOException {
        Socket socket = new Socket(server.uri("/").getHost(), server.uri("/").getPort());
        socket.setSoTimeout(20_000);
        socket.getOutputStream().write(("POST /api/classify HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: image/bmp\r\n"
                + "Content-Length: " + contentLength + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        return socket;
    }

    private static String readResponse(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    private static void assertStatusAndJsonError(String response, int status, String messagePart) throws Exception {
        assertTrue(response.startsWith("HTTP/1.1 " + status + " "), response);
        assertTrue(response.contains("Content-Type: application/json"), response);
        String body = response.substring(response.indexOf("\r\n\r\n") + 4);
        assertTrue(JSON.readTree(body).get("error").asText().contains(messagePart), response);
    }
}
