package dev.lenslet.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lenslet.server.SharedFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


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

    /**
     * {@code classify ... 2>file} writes no progress bar into the file; run on a terminal (a pseudo-terminal from
     * script(1), which util-linux ships) it draws one.
     */
    @Test
    void progressBarOnlyWhenStderrIsATerminal(@TempDir Path temp) throws Exception {
        String cat = SharedFiles.photo("cat.bmp").toString();
        List<String> command = command(VECTOR_MODULE, "classify", "--model", SharedFiles.MODEL.toString(),
                cat, cat, cat, cat);
        Path errFile = temp.resolve("stderr.txt");

        Process redirected = new ProcessBuilder(command).redirectError(errFile.toFile()).start();
        String out = new String(redirected.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Process terminal = new ProcessBuilder("script", "-qec", shellWords(command), "/dev/null")
                .redirectErrorStream(true).start();
        String shown = new String(terminal.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertEquals(0, exitCode(redirected), out);
        String err = Files.readString(errFile);
        assertFalse(err.contains("\r") || err.contains("files"), err);
        assertEquals(0, exitCode(terminal), shown);
        assertTrue(shown.contains("\rclassifying [") && shown.contains("4/4 files"), shown);
    }

    private static String shellWords(List<String> words) {
        return String.join(" ", words.stream().map(word -> "'" + word.replace("'", "'\\''") + "'").toList());
    }

    private static void assertEgyptianCat(String out) throws IOException {
        JsonNode cat = new ObjectMapper().readTree(out);
        assertEquals(285, cat.get("top").get(0).get("index").asInt());
        assertEquals("Egyptian cat", cat.get("top").get(0).get("label").asText());
    }

    private static Process run(List<String> javaOptions, String... args) throws IOException {
        return new ProcessBuilder(command(javaOptions, args)).start();
    }

    private static List<String> command(List<String> javaOptions, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(javaOptions);
        command.addAll(List.of("-jar", JAR.toString()));
        command.addAll(List.of(args));
        return command;
    }

    private static int exitCode(Process process) throws InterruptedException {
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "lenslet did not finish");
        return process.exitValue();
    }
}
