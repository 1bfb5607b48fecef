package dev.lenslet.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The shaded jar as users run it: {@code java -jar target/lenslet.jar ...}. */
class LensletJarIT {
    private static final Path JAR = Path.of("target", "lenslet.jar");

    @Test
    void classifiesWithJsonOutput() throws Exception {
        Process process = run("classify", "--json", "--model", SharedFiles.MODEL.toString(),
                SharedFiles.photo("cat.bmp").toString());

        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, exitCode(process), out);
        JsonNode cat = new ObjectMapper().readTree(out);
        assertEquals(285, cat.get("top").get(0).get("index").asInt());
        assertEquals("Egyptian cat", cat.get("top").get(0).get("label").asText());
    }

    @Test
    void usageErrorExitsWith2() throws Exception {
        Process process = run("classify", "--no-such-option", "x.jpg");

        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(2, exitCode(process));
        assertTrue(err.contains("Unknown option: '--no-such-option'"), err);
    }

    private static Process run(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).start();
    }

    private static int exitCode(Process process) throws InterruptedException {
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "lenslet did not finish");
        return process.exitValue();
    }
}
