package dev.lenslet.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The peer engines (tfjs, ONNX Runtime Web) timed by shared/peers/run.sh in the same headless Chromium, so that
 * Lenslet's figures can be given as ratios measured in one session.
 */
final class PeerEngines {
    /** One config's line of run.sh's results/chromium.jsonl; {@code error} is null when it ran. */
    record Result(String config, double medianMs, double minMs, double firstPredictionMs, long bytes, String error) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private PeerEngines() {
    }

    /**
     * Runs {@code peersDir/run.sh configs runs} with its npm packages kept in {@code work} (installed on first use,
     * about 3 minutes), and returns one result per config.
     */
    static List<Result> run(Path peersDir, Path work, String configs, int runs, long timeoutMinutes)
            throws IOException, InterruptedException {
        Files.createDirectories(work);
        // Its JSON lines and table go to a log beside its results; errors stay on the console.
        ProcessBuilder builder = new ProcessBuilder(peersDir.resolve("run.sh").toString(), configs,
                String.valueOf(runs)).redirectOutput(work.resolve("run.log").toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("PEERS_WORK", work.toAbsolutePath().toString());
        Process process = builder.start();
        if (!process.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            throw new IOException(peersDir.resolve("run.sh") + " did not finish in " + timeoutMinutes + " minutes");
        }
        if (process.exitValue() != 0) {
            throw new IOException(peersDir.resolve("run.sh") + " failed with exit status " + process.exitValue()
                    + " (it needs node, npm with the registry reachable, and /usr/bin/chromium)");
        }
        List<Result> results = new ArrayList<>();
        for (String line : Files.readAllLines(work.resolve("results/chromium.jsonl"))) {
            JsonNode record = JSON.readTree(line);
            long bytes = record.path("codeBytes").asLong() + record.path("modelBytes").asLong();
            String error = record.has("median") ? null : record.path("error").asText("no median reported");
            results.add(new Result(record.path("config").asText(), record.path("median").asDouble(Double.NaN),
                    record.path("min").asDouble(Double.NaN),
                    record.path("marks").path("firstPrediction").asDouble(Double.NaN), bytes, error));
        }
        return results;
    }
}
