package dev.lenslet.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lenslet.server.image.HostileImages;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.http.HttpMethod;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What an attacker on the network can send, against the limits as shipped (30 s idle timeout; fewer threads where said):
 * stalled uploads by the dozen, refused requests that never send their body, and images that would cost minutes
 * or gigabytes. Each answer must come at once, which the short client timeouts check.
 */
class HostileClientsTest {
    /** Far below every server deadline: an answer this late means a thread or a decoder was held. */
    private static final int PROMPT_MILLIS = 5_000;
    /** Enough for Jetty's acceptor and selectors on any machine, with a few left for requests. */
    private static final int STALL_TEST_THREADS = 16;
    /** Far below the seconds a decode takes: enough to see a close and stop at the decoder's next row. */
    private static final int GONE_SEEN_MILLIS = 2_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    @AutoClose
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(TestServer.sharedModelConfig());
    }

    /**
     * More stalled uploads (headers and two bytes of body, then nothing) than the server has threads: the page and
     * /healthz are still answered at once, far within the idle timeout that would free a held thread. The thread
     * pool is small so that few connections suffice; the uploads connect before the page is asked for, so each is
     * accepted, and would be given a thread, first.
     */
    @Test
    void stalledUploadsDoNotStarveTheServer() throws Exception {
        ClientLimits fewThreads = ClientLimits.DEFAULT.withThreads(STALL_TEST_THREADS);
        List<Socket> stalled = new ArrayList<>();
        try (TestServer small = TestServer.start(TestServer.sharedModelConfig().withClients(fewThreads))) {
            for (int i = 0; i < fewThreads.threads() + 8; i++) {
                Socket upload = post(small, "image/png", 100_000);
                upload.getOutputStream().write(new byte[] {(byte) 0x89, 'P'});
                upload.getOutputStream().flush();
                stalled.add(upload);
            }

            assertEquals(200, promptly(small, "/index.html").getStatus());
            assertEquals(200, promptly(small, "/healthz").getStatus());
        } finally {
            for (Socket upload : stalled) {
                upload.close();
            }
        }
    }

    /** A refused request is answered before its body is sent, and the connection is closed. */
    @Test
    void refusalsAnswerAtOnceWithoutReadingTheBody() throws Exception {
        try (Socket refused = post(server, "text/plain", 100_000)) {
            String response = new String(refused.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);

            assertTrue(response.startsWith("HTTP/1.1 415 "), response);
            assertTrue(response.contains("Connection: close"), response);
        }
    }

    /**
     * Beyond the uploads allowed in progress, a new one gets 503 and its connection is closed; the others, stalled,
     * end with 408 at the minimum rate's deadline.
     */
    @Test
    void uploadsBeyondTheCapAreServiceUnavailable() throws Exception {
        List<Socket> uploads = new ArrayList<>();
        try {
            for (int i = 0; i <= ClientLimits.DEFAULT.uploadsInProgress(); i++) {
                Socket upload = post(server, "image/png", 100_000);
                upload.setSoTimeout(20_000);
                upload.getOutputStream().write(new byte[] {(byte) 0x89, 'P'});
                upload.getOutputStream().flush();
                uploads.add(upload);
            }
            List<String> busy = new ArrayList<>();
            for (Socket upload : uploads) {
                String response = new String(upload.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                if (response.startsWith("HTTP/1.1 503 ")) {
                    busy.add(response);
                } else {
                    assertTrue(response.startsWith("HTTP/1.1 408 "), response);
                }
            }
            assertTrue(!busy.isEmpty(), "no upload was refused");
            for (String response : busy) {
                assertTrue(response.contains("Retry-After: 1") && response.contains("Connection: close")
                        && response.contains("too many uploads"), response);
            }
        } finally {
            for (Socket upload : uploads) {
                upload.close();
            }
        }
    }

    @Test
    void unlistedFormatsAreUnsupportedMediaTypes() throws Exception {
        for (byte[] image : new byte[][] {HostileImages.unlisted("tiff", 8), HostileImages.unlisted("wbmp", 16),
                HostileImages.tiffDeclaringFloatSamples()}) {
            ContentResponse response = classify(image);
            assertEquals(415, response.getStatus(), response.getContentAsString());
        }
    }

    @Test
    void progressiveJpegWithManyScansIsRefusedAtOnce() throws Exception {
        ContentResponse response = classify(HostileImages.progressiveJpegWithScans(1000));

        assertEquals(413, response.getStatus(), response.getContentAsString());
        assertTrue(response.getContentAsString().contains("progressive scans"), response.getContentAsString());
    }

    /**
     * A client that leaves while its image is decoded stops the decode: within moments of its close the server
     * works on nothing, where decoding the image to the end takes seconds (a 42 MP 16-bit PNG of 330 KB: 5 to 7 s
     * on the 2-core machine this was written on).
     */
    @Test
    void decodingStopsWhenItsClientLeaves() throws Exception {
        byte[] slow = HostileImages.blackRgba16Png(6500, 6500);
        try (Socket leaving = post(server, "image/png", slow.length)) {
            leaving.getOutputStream().write(slow);
            leaving.getOutputStream().flush();
            awaitAdmitted(1, PROMPT_MILLIS);
        }
        awaitAdmitted(0, GONE_SEEN_MILLIS);
    }

    /**
     * Watching for a client that leaves reads no byte: a request pipelined behind an upload, arriving while the
     * upload's image is decoded, is answered after it, and that client is not taken to have gone.
     */
    @Test
    void requestPipelinedBehindAnUploadIsAnsweredInItsTurn() throws Exception {
        byte[] slow = HostileImages.blackRgba16Png(3000, 3000);
        try (Socket client = post(server, "image/png", slow.length)) {
            client.setSoTimeout(60_000);
            client.getOutputStream().write(slow);
            client.getOutputStream().flush();
            awaitAdmitted(1, PROMPT_MILLIS);
            client.getOutputStream().write(("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            client.getOutputStream().flush();

            String responses = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int second = responses.indexOf("HTTP/1.1 ", 1);
            assertTrue(responses.startsWith("HTTP/1.1 200 ") && responses.substring(0, second).contains("\"top\""),
                    responses);
            assertTrue(responses.startsWith("HTTP/1.1 200 ", second) && responses.contains("\"status\":\"ok\""),
                    responses);
        }
    }

    /** Asks /healthz until {@code count} images are being worked on; fails if that is not seen within the time. */
    private static void awaitAdmitted(int count, long millis) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        int admitted;
        do {
            admitted = JSON.readTree(promptly(server, "/healthz").getContent()).get("images").get("admitted").asInt();
        } while (admitted != count && System.nanoTime() < deadline);
        assertEquals(count, admitted, "images being worked on after " + millis + " ms");
    }

    private static ContentResponse classify(byte[] image) throws Exception {
        return server.request("/api/classify").method(HttpMethod.POST).timeout(PROMPT_MILLIS, TimeUnit.MILLISECONDS)
                .body(new BytesRequestContent("image/png", image)).send();
    }

    private static ContentResponse promptly(TestServer to, String path) throws Exception {
        return to.request(path).timeout(PROMPT_MILLIS, TimeUnit.MILLISECONDS).send();
    }

    /** The headers of a POST whose body has not been sent. */
    private static Socket post(TestServer to, String contentType, int contentLength) throws IOException {
        Socket socket = new Socket(to.uri("/").getHost(), to.uri("/").getPort());
        socket.setSoTimeout(PROMPT_MILLIS);
        socket.getOutputStream().write(("POST /api/classify HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                + contentType + "\r\nContent-Length: " + contentLength + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        return socket;
    }
}
