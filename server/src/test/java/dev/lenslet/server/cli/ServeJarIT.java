package dev.lenslet.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lenslet.server.SharedFiles;
import dev.lenslet.server.model.ModelShards;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;


/**
 * {@code java --add-modules jdk.incubator.vector -jar target/lenslet.jar serve}: the page and the model come out of
 * the shaded jar itself, and the start-up output says the Vector API kernels classify.
 */
class ServeJarIT {
    private static final Path JAR = Path.of("target", "lenslet.jar");
    private static final Pattern URL = Pattern.compile("Open (http://127\\.0\\.0\\.1:\\d+/) in a browser");
    /** A file name that must appear nowhere the server writes. */
    private static final String PRIVATE_NAME = "private-holiday-photo.jpg";
    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?i)Content-Length: (\\d+)");
    /** Uploads started at once by the small-heap test: as many as the server lets arrive at once. */
    private static final int FLOOD = 16;

    @Test
    @Timeout(60)
    void servesThePageAndTheModelFromInsideTheJar() throws Exception {
        Process process = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--add-modules",
                "jdk.incubator.vector", "-jar", JAR.toString(),
                "serve", "--port", "0", "--model", SharedFiles.MODEL.toString()))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            URI base = URI.create(awaitUrl(stdout(process), process));
            HttpClient client = HttpClient.newHttpClient();

            HttpResponse<String> page = client.send(HttpRequest.newBuilder(base).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("<html"), page.body());
            assertEquals("no-cache", page.headers().firstValue("Cache-Control").orElse(""));

            HttpResponse<String> manifest = client.send(
                    HttpRequest.newBuilder(base.resolve(ModelShards.MANIFEST_PATH)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, manifest.statusCode());
            assertTrue(manifest.body().contains("\"format\":\"lenslet-shards-1\""));
        } finally {
            process.destroy();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "lenslet serve did not stop on SIGTERM");
        }
    }

    /**
     * SECURITY.md: uploaded images are held in memory only; nothing is written to disk or logged. The server runs
     * with its working folder, temporary folder and home in empty folders of the test's, is sent a photo, a damaged
     * one and a text file under a name it must not repeat, and is stopped: the folders are still empty and its output
     * is the start-up lines alone.
     */
    @Test
    @Timeout(60)
    void uploadsLeaveNothingOnDiskOrInTheLog(@TempDir Path sandbox, @TempDir Path logs) throws Exception {
        Path work = Files.createDirectories(sandbox.resolve("work"));
        Path tmp = Files.createDirectories(sandbox.resolve("tmp"));
        Path home = Files.createDirectories(sandbox.resolve("home"));
        Path err = logs.resolve("stderr.txt");
        Process process = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--add-modules",
                "jdk.incubator.vector", "-Djava.io.tmpdir=" + tmp, "-Duser.home=" + home, "-jar",
                JAR.toAbsolutePath().toString(), "serve", "--port", "0",
                "--model", SharedFiles.MODEL.toAbsolutePath().toString()))
                .directory(work.toFile())
                .redirectError(err.toFile())
                .start();
        BufferedReader stdout = stdout(process);
        String out;
        try {
            URI api = URI.create(awaitUrl(stdout, process)).resolve("/api/classify");
            byte[] photo = Files.readAllBytes(SharedFiles.photo("grace_hopper.jpg"));
            assertEquals(200, upload(api, photo).statusCode());
            assertEquals(400, upload(api, Arrays.copyOf(photo, photo.length / 3)).statusCode());
            assertEquals(415, upload(api, "not an image".getBytes(StandardCharsets.UTF_8)).statusCode());
        } finally {
            // SIGTERM through the handle, which leaves the output pipe open (Process.destroy closes it) to be read.
            process.toHandle().destroy();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "lenslet serve did not stop on SIGTERM");
            out = stdout.lines().collect(Collectors.joining("\n"));
        }

        try (Stream<Path> written = Files.walk(sandbox)) {
            assertEquals(List.of(), written.filter(Files::isRegularFile).toList(), "files the server wrote");
        }
        assertEquals("", out, "stdout after the URL line");
        assertEquals(List.of("WARNING: Using incubator modules: jdk.incubator.vector"),
                Files.readAllLines(err), "stderr: the JVM's own warning alone");
    }

    /**
     * No accepted image may end in an out-of-memory error, whatever -Xmx is. Under -Xmx192m (about 58 MB left for
     * images once the classifiers are loaded, 14 MB of it for uploads) {@value #FLOOD} clients each start an 8 MB
     * upload at once, with
     * {@code Expect: 100-continue} as careful clients send it: those the memory allows are classified, the others
     * get 503 before they send their bodies, nothing fails with 500, and every byte reserved is given back.
     */
    @Test
    @Timeout(120)
    void aSmallHeapTurnsAwayUploadsItCannotHoldRatherThanRunOutOfMemory(@TempDir Path logs) throws Exception {
        Path err = logs.resolve("stderr.txt");
        Process process = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--add-modules",
                "jdk.incubator.vector", "-Xmx192m", "-jar", JAR.toString(),
                "serve", "--port", "0", "--model", SharedFiles.MODEL.toString()))
                .redirectError(err.toFile())
                .start();
        try {
            URI base = URI.create(awaitUrl(stdout(process), process));
            // The photo, then zeros after its end-of-image marker, which the decoder never reads.
            byte[] body = Arrays.copyOf(Files.readAllBytes(SharedFiles.photo("grace_hopper.jpg")), 8_000_000);
            List<String> answers = flood(base, body);

            assertTrue(answers.stream().anyMatch(answer -> answer.startsWith("HTTP/1.1 200 ")), answers.toString());
            for (String answer : answers) {
                assertTrue(answer.startsWith("HTTP/1.1 200 ") || answer.startsWith("HTTP/1.1 503 ")
                        && answer.contains("Retry-After: 1") && answer.contains("memory this one needs"), answer);
            }
            JsonNode images = new ObjectMapper().readTree(HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(base.resolve("/healthz")).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).get("images");
            assertEquals(0, images.get("arriving").asInt() + images.get("admitted").asInt(), images.toString());
            assertEquals(images.get("memoryLimit").asLong(), images.get("memoryFree").asLong(), images.toString());
        } finally {
            process.destroy();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "lenslet serve did not stop on SIGTERM");
        }
        assertTrue(Files.readAllLines(err).stream().noneMatch(line -> line.contains("OutOfMemoryError")),
                String.join("\n", Files.readAllLines(err)));
    }

    /**
     * Starts {@value #FLOOD} uploads of {@code body} at once: each sends its headers and waits for 100 Continue or an
     * answer; those told to continue send all but the last byte, then all send their last byte together. Returns
     * every final answer, head and body.
     */
    private static List<String> flood(URI base, byte[] body) throws IOException {
        List<Socket> uploads = new ArrayList<>();
        List<String> answers = new ArrayList<>();
        try {
            for (int i = 0; i < FLOOD; i++) {
                Socket upload = new Socket(base.getHost(), base.getPort());
                upload.setSoTimeout(60_000);
                upload.getOutputStream().write(("POST /api/classify HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type:"
                        + " image/jpeg\r\nContent-Length: " + body.length + "\r\nExpect: 100-continue\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                uploads.add(upload);
            }
            List<Socket> sending = new ArrayList<>();
            for (Socket upload : uploads) {
                String first = response(upload.getInputStream());
                if (first.startsWith("HTTP/1.1 100 ")) {
                    upload.getOutputStream().write(body, 0, body.length - 1);
                    sending.add(upload);
                } else {
                    answers.add(first);
                }
            }
            for (Socket upload : sending) {
                upload.getOutputStream().write(body, body.length - 1, 1);
            }
            for (Socket upload : sending) {
                answers.add(response(upload.getInputStream()));
            }
        } finally {
            for (Socket upload : uploads) {
                upload.close();
            }
        }
        return answers;
    }

    /** One response's head and, unless it is 100 Continue, its body of Content-Length bytes. */
    private static String response(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                throw new EOFException("the connection closed after " + head);
            }
            head.append((char) next);
        }
        Matcher length = CONTENT_LENGTH.matcher(head);
        int bodyLength = head.toString().startsWith("HTTP/1.1 100 ") || !length.find() ? 0
                : Integer.parseInt(length.group(1));
        return head + new String(in.readNBytes(bodyLength), StandardCharsets.UTF_8);
    }

    /** POSTs {@code bytes} as multipart/form-data, the way a browser form sends a file, under a telling name. */
    private static HttpResponse<String> upload(URI api, byte[] bytes) throws Exception {
        String boundary = "lenslet-test-boundary";
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\";"
                + " filename=\"" + PRIVATE_NAME + "\"\r\nContent-Type: image/jpeg\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(api)
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArrays(List.of(head, bytes, tail))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static BufferedReader stdout(Process process) {
        return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** The URL the server prints once it is listening, after the line that names the float kernels. */
    private static String awaitUrl(BufferedReader out, Process process) throws Exception {
        StringBuilder before = new StringBuilder();
        for (String line; (line = out.readLine()) != null; ) {
            Matcher url = URL.matcher(line);
            if (url.find()) {
                assertTrue(before.toString().contains("lenslet: float kernels: Vector API"), before.toString());
                return url.group(1);
            }
            before.append(line).append('\n');
        }
        throw new AssertionError("lenslet serve exited without printing its URL (exit " + process.waitFor() + ")");
    }
}
