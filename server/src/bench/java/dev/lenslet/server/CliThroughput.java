package dev.lenslet.server;

import dev.lenslet.server.image.ImageFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code java --add-modules jdk.incubator.vector -jar lenslet.jar classify} on a batch of photos, with the JVM
 * limited to 1 core and with all of them: images per second by wall clock, JVM start and model load included, as a
 * user of the CLI sees it.
 */
final class CliThroughput {
    record Result(int cores, int images, double seconds) {
        double imagesPerSecond() {
            return images / seconds;
        }
    }

    private CliThroughput() {
    }

    /**
     * @param jar       the shaded lenslet.jar
     * @param photos    a folder of photos, given {@code repeats} times to make the batch
     * @param cores     what the JVM is told it has (-XX:ActiveProcessorCount), which sizes the CLI's thread pool
     */
    static Result measure(Path jar, Path model, Path photos, int repeats, int cores)
            throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-XX:ActiveProcessorCount=" + cores,
                "--add-modules", "jdk.incubator.vector", "-jar", jar.toString(), "classify", "--model",
                model.toString(), "--json"));
        for (int i = 0; i < repeats; i++) {
            command.add(photos.toString());
        }
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(15, TimeUnit.MINUTES)) {
            process.destroy();
            throw new IOException("lenslet classify did not finish in 15 minutes: " + command);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (process.exitValue() != 0) {
            throw new IOException("lenslet classify failed with exit status " + process.exitValue() + ": " + command);
        }
        return new Result(cores, ImageFiles.expand(List.of(photos)).size() * repeats, seconds);
    }
}
