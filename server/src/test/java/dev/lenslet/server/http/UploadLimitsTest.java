package dev.lenslet.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lenslet.server.SharedFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.http.HttpHeader;
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
        server = TestServer.start(TestServer.sharedModelConfig().withIdleTimeout(Duration.ofSeconds(1)));
        cat = Files.readAllBytes(SharedFiles.photo("cat.bmp"));
    }

    @Test
    void stalledUploadIsARequestTimeout() throws Exception {
        try (Socket client = startUpload(cat.length)) {
            client.getOutputStream().write(cat, 0, 100);
            client.getOutputStream().flush();

            String response = readResponse(client); // nothing more is sent: the idle timeout ends the upload

            assertStatusAndJsonError(response, 408, "stopped arriving");
        }
        assertEquals(200, classifyCat().getStatus(), "the server goes on serving");
    }

    /** Bytes keep coming, so the idle timeout never fires; the minimum rate ends it after its grace period. */
    @Test
    void tricklingUploadIsARequestTimeout() throws Exception {
        try (Socket client = startUpload(cat.length)) {
            OutputStream out = client.getOutputStream();
            String response = null;
            for (int sent = 0; sent < cat.length && response == null; sent += 500) {
                try {
                    out.write(cat, sent, 500);
                    out.flush();
                } catch (IOException e) {
                    break; // the server has answered and closed; the answer is read below
                }
                Thread.sleep(200);
                if (client.getInputStream().available() > 0) {
                    break;
                }
            }
            assertStatusAndJsonError(readResponse(client), 408, "at least 16 KiB/s");
        }
    }

    /**
     * One classifier admits two requests; a third is turned away at once with 503, Retry-After and a JSON body,
     * its body read to the end so that the client gets the answer rather than a reset.
     */
    @Test
    void requestsBeyondTheAdmittedAreServiceUnavailable() throws Exception {
        List<Socket> holders = new ArrayList<>();
        try {
            for (int i = 0; i < ClassifyHandler.ADMITTED_PER_CLASSIFIER; i++) {
                Socket holder = startUpload(cat.length);
                holder.getOutputStream().write(cat, 0, 10); // admitted, now reading a body that is still coming
                holders.add(holder);
            }
            Thread.sleep(300); // both reach the handler before the third request

            ContentResponse refused = classifyCat();

            assertEquals(503, refused.getStatus(), refused.getContentAsString());
            assertEquals("1", refused.getHeaders().get(HttpHeader.RETRY_AFTER));
            assertTrue(JSON.readTree(refused.getContent()).get("error").asText().contains("busy"));
            assertTrue(!"close".equals(refused.getHeaders().get(HttpHeader.CONNECTION)), "drained: kept alive");
        } finally {
            for (Socket holder : holders) {
                holder.close();
            }
        }
        Thread.sleep(300);
        assertEquals(200, classifyCat().getStatus(), "the admissions are released");
    }

    private static ContentResponse classifyCat() throws Exception {
        return server.request("/api/classify").method(HttpMethod.POST)
                .body(new BytesRequestContent("image/bmp", cat)).send();
    }

    private static Socket startUpload(int contentLength) throws IOException {
        Socket socket = new Socket(server.uri("/").getHost(), server.uri("/").getPort());
        socket.setSoTimeout(30_000);
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
