package dev.lenslet.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lenslet.core.Arithmetic;
import dev.lenslet.server.SharedFiles;
import dev.lenslet.server.cli.ClassifyCommandTest;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.InputStreamRequestContent;
import org.eclipse.jetty.client.MultiPartRequestContent;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.MultiPart;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.util.BufferUtil;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;


/** {@code POST /api/classify} on the real model and photos, and every way a request can be wrong. */
class ClassifyApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @AutoClose
    private static TestServer server;
    private static byte[] cat;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(TestServer.sharedModelConfig());
        cat = Files.readAllBytes(SharedFiles.photo("cat.bmp"));
    }


    @Test
    void rawImageBodyIsClassified() throws Exception {
        long start = System.nanoTime();
        JsonNode result = ok(post("/api/classify", "image/bmp", cat));
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        assertTrue(result.get("file").isNull());
        assertEquals(512, result.get("width").asInt());
        assertEquals(341, result.get("height").asInt());
        assertEquals(5, result.get("top").size());
        assertEquals(285, result.get("top").get(0).get("index").asInt());
        assertEquals("Egyptian cat", result.get("top").get(0).get("label").asText());
        assertTrue(result.get("top").get(0).get("score").asDouble() > 0.7, result.toString());
        // The time the server spent classifying: whole milliseconds, within the request as the client saw it.
        assertTrue(result.get("ms").isIntegralNumber(), result.toString());
        assertTrue(result.get("ms").asLong() >= 0 && result.get("ms").asLong() <= elapsedMs,
                result + " in a request of " + elapsedMs + " ms");
    }

    @Test
    void topAndCropAreHonoured() throws Exception {
        JsonNode result = ok(post("/api/classify?top=2&crop=center", "image/jpeg",
                Files.readAllBytes(SharedFiles.photo("cat_720p.jpg"))));

        assertEquals(2, result.get("top").size());
        assertEquals(285, result.get("top").get(0).get("index").asInt());
    }

    @Test
    void serverWithIntegerArithmeticFindsTheUniform() throws Exception {
        try (TestServer integer = TestServer.start(TestServer.sharedModelConfig().withArithmetic(Arithmetic.INTEGER))) {
            JsonNode result = ok(integer.request("/api/classify?crop=none").method(HttpMethod.POST).body(new BytesRequestContent(
                    "image/jpeg", Files.readAllBytes(SharedFiles.photo("grace_hopper.jpg")))).send());

            assertEquals(652, result.get("top").get(0).get("index").asInt(), result.toString());
            assertEquals("military uniform", result.get("top").get(0).get("label").asText());
            ClassifyCommandTest.assertIntegerScores(result, "grace_hopper.jpg");
        }
    }

    @Test
    void multipartImageFieldIsClassifiedWithItsFileName() throws Exception {
        JsonNode result = ok(postForm("image", "cat.bmp", "image/bmp", cat));

        assertEquals("cat.bmp", result.get("file").asText());
        assertEquals(285, result.get("top").get(0).get("index").asInt());
        assertEquals("Egyptian cat", result.get("top").get(0).get("label").asText());
    }

    @Test
    void multipartWithOneFileUnderAnotherNameIsAccepted() throws Exception {
        JsonNode result = ok(postForm("photo", "kitty.bmp", "application/octet-stream", cat));

        assertEquals("kitty.bmp", result.get("file").asText());
        assertEquals(285, result.get("top").get(0).get("index").asInt());
    }

    @Test
    void textBodyIsUnsupportedMediaType() throws Exception {
        assertError(415, "text/plain", server.request("/api/classify").method(HttpMethod.POST)
                .body(new StringRequestContent("text/plain", "hello")).send());
    }

    @Test
    void textBytesDeclaredAsJpegAreUnsupportedMediaType() throws Exception {
        assertError(415, "not a JPEG, PNG, BMP or GIF",
                post("/api/classify", "image/jpeg", "just some text".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void multipartTextFileIsUnsupportedMediaType() throws Exception {
        assertError(415, "text/plain", postForm("image", "notes.txt", "text/plain",
                "just some text".getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Refused from its Content-Length, before a byte of the body is read, and the connection closed: a client that
     * sends {@code Expect: 100-continue} (as curl does for large bodies) reads the answer without sending the body.
     */
    @Test
    void oversizedBodyIsTooLarge() throws Exception {
        int huge = TestServer.MAX_UPLOAD_BYTES + 1;
        for (String type : new String[] {"image/bmp", "multipart/form-data; boundary=lenslet"}) {
            String response = server.sendRaw("POST /api/classify HTTP/1.1\r\nContent-Type: " + type
                    + "\r\nContent-Length: " + huge + "\r\nExpect: 100-continue");

            assertTrue(response.startsWith("HTTP/1.1 413 "), response);
            assertTrue(response.contains("\r\nConnection: close\r\n"), response);
            String error = JSON.readTree(response.substring(response.indexOf("\r\n\r\n") + 4)).get("error").asText();
            assertTrue(error.contains("limit is " + TestServer.MAX_UPLOAD_BYTES), error);
        }
    }

    @Test
    void oversizedBodyOfUnknownLengthIsTooLarge() throws Exception {
        byte[] huge = Arrays.copyOf(cat, TestServer.MAX_UPLOAD_BYTES + 1);
        MultiPartRequestContent form = form("image", "huge.bmp", "image/bmp", huge);
        ByteBuffer formBytes = Content.Source.asByteBuffer(form);

        assertError(413, "limit", postChunked("image/bmp", huge));
        assertError(413, "limit", postChunked(form.getContentType(), BufferUtil.toArray(formBytes)));
    }

    @Test
    void truncatedJpegIsABadRequest() throws Exception {
        byte[] jpeg = Files.readAllBytes(SharedFiles.photo("cat_720p.jpg"));

        assertError(400, "damaged or cut short",
                post("/api/classify", "image/jpeg", Arrays.copyOf(jpeg, jpeg.length / 2)));
    }

    @Test
    void formWithoutAFileIsABadRequest() throws Exception {
        MultiPartRequestContent form = new MultiPartRequestContent();
        form.addPart(new MultiPart.ByteBufferPart("note", null, HttpFields.EMPTY,
                ByteBuffer.wrap("hi".getBytes(StandardCharsets.UTF_8))));
        form.close();

        assertError(400, "no file", server.request("/api/classify").method(HttpMethod.POST).body(form).send());
    }

    @Test
    void badParametersAreBadRequests() throws Exception {
        assertError(400, "top must be", post("/api/classify?top=0", "image/bmp", cat));
        assertError(400, "top must be", post("/api/classify?top=many", "image/bmp", cat));
        assertError(400, "top must be", post("/api/classify?top=1001", "image/bmp", cat));
        assertError(400, "crop must be", post("/api/classify?crop=left", "image/bmp", cat));
    }

    @Test
    void getIsNotAllowed() throws Exception {
        ContentResponse response = server.get("/api/classify");

        assertEquals(405, response.getStatus());
        assertEquals("POST", response.getHeaders().get(HttpHeader.ALLOW));
    }

    private static ContentResponse post(String path, String contentType, byte[] body) throws Exception {
        return server.request(path).method(HttpMethod.POST).body(new BytesRequestContent(contentType, body)).send();
    }

    /** Sent without a Content-Length (chunked), so the server finds out the size only while reading. */
    private static ContentResponse postChunked(String contentType, byte[] body) throws Exception {
        return server.request("/api/classify").method(HttpMethod.POST)
                .body(new InputStreamRequestContent(contentType, new ByteArrayInputStream(body))).send();
    }

    private static ContentResponse postForm(String field, String fileName, String contentType, byte[] file)
            throws Exception {
        return server.request("/api/classify").method(HttpMethod.POST)
                .body(form(field, fileName, contentType, file)).send();
    }

    private static MultiPartRequestContent form(String field, String fileName, String contentType, byte[] file) {
        MultiPartRequestContent form = new MultiPartRequestContent();
        form.addPart(new MultiPart.ByteBufferPart(field, fileName,
                HttpFields.build().put(HttpHeader.CONTENT_TYPE, contentType), ByteBuffer.wrap(file)));
        form.close();
        return form;
    }

    private static JsonNode ok(ContentResponse response) throws Exception {
        assertEquals(200, response.getStatus(), response.getContentAsString());
        assertEquals("application/json", response.getMediaType());
        return JSON.readTree(response.getContent());
    }

    private static void assertError(int status, String messagePart, ContentResponse response) throws Exception {
        assertEquals(status, response.getStatus(), response.getContentAsString());
        assertEquals("application/json", response.getMediaType());
        String error = JSON.readTree(response.getContent()).get("error").asText();
        assertTrue(error.contains(messagePart), error);
        StaticFilesTest.assertSecurityHeaders(response);
    }
}
