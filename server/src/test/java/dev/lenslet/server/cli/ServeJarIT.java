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
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;


/**
 * {@code java --add-modules jdk.incubator.vector -jar target/lenslet.jar serve}: the page and the model come out of
 * the shaded jar itself, and the start-up output says the Vector API kernels classify.
 */
class ServeJarIT {
    private static final Path JAR = Path.of("target", "lenslet.jar");
    private static final Pattern URL = Pattern.compile("Open (http://127\\.0\\.0\\.1:\\d+/) in a browser");

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
            URI base = URI.create(awaitUrl(process));
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

    /** The URL the server prints once it is listening, after the line that names the float kernels. */
    private static String awaitUrl(Process process) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
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
