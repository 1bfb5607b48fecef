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

/**
 * The shaded jar as users run it: {@code java --add-modules jdk.incubator.vector -jar target/lenslet.jar ...}, and
 * without the module, which falls back to the core's kernels and says how to get the fast ones.
 */
class LensletJarIT {
    private static final Path JAR = Path.of("target", "lenslet.jar");
    private static final List<String> VECTOR_MODULE = List.of("--add-modules", "jdk.incubator.vector");

    @Test
    void classifiesWithJsonOutput() throws Exception {
        Process process = run(VECTOR_MODULE, "classify", "--json", "--model", SharedFiles.MODEL.toString(),
                SharedFiles.photo("cat.bmp").toString());

        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, exitCode(process), out + err);
        assertEgyptianCat(out);
        assertTrue(err.contains("lenslet: float kernels: Vector API"), err);
    }

    /** Without the module the Vector API kernels cannot load: the same label from the core's kernels. */
    @Test
    void fallsBackToTheCoreKernelsWithoutTheVectorModule() throws Exception {
        Process process = run(List.of(), "classify", "--json", "--model", SharedFiles.MODEL.toString(),
                SharedFiles.photo("cat.bmp").toString());

        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, exitCode(process), out + err);
        assertEgyptianCat(out);
        assertTrue(err.contains("lenslet: float kernels: C2-vectorized loops (VECTORIZABLE); run java --add-modules"
                + " jdk.incubator.vector -jar ..."), err);
    }

    @Test
    void usageErrorExitsWith2() throws Exception {
        Process process = run(VECTOR_MODULE, "classify", "--no-such-option", "x.jpg");

        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(2, exitCode(process));
        assertTrue(err.contains("Unknown option: '--no-such-option'"), err);
    }

    private static void assertEgyptianCat(String out) throws IOException {
        JsonNode cat = new ObjectMapper().readTree(out);
        assertEquals(285, cat.get("top").get(0).get("index").asInt());
        assertEquals("Egyptian cat", cat.get("top").get(0).get("label").asText());
    }

    private static Process run(List<String> javaOptions, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(javaOptions);
        command.addAll(List.of("-jar", JAR.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).start();
    }

    private static int exitCode(Process process) throws InterruptedException {
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "lenslet did not finish");
        return process.exitValue();
    }
}
