package dev.lenslet.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lenslet.server.SharedFiles;
import dev.lenslet.server.model.ModelShards;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
