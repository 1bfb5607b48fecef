package dev.lenslet.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * onnxruntime-node, the native CPU engine the issue measures the JVM against (target 4), timed by our script
 * {@code bench/ort-node-single-image.js} on 1 thread on the MobileNetV2 that shared/peers/make_onnx.js writes
 * (same network, random weights: values do not matter for timing).
 */
final class OnnxRuntimeNode {
    static final String VERSION = "1.30.0";
    private static final String SCRIPT = "ort-node-single-image.js";
    private static final ObjectMapper JSON = new ObjectMapper();

    record Result(String version, int runs, double medianMs, double minMs) {
    }

    private OnnxRuntimeNode() {
    }

    /**
     * @param peersDir  shared/peers (read-only)
     * @param peersWork the peers part's working copy, reused (and made on first use: npm install, about 3 minutes)
     * @param work      where onnxruntime-node is installed and our script runs
     */
    static Result run(Path peersDir, Path peersWork, Path work, int runs, int warmups)
            throws IOException, InterruptedException {
        Path model = onnxModel(peersDir, peersWork);
        Files.createDirectories(work);
        if (!Files.exists(work.resolve("node_modules/onnxruntime-node/package.json"))) {
            // The CPU binaries come in the package; "skip" stops its install script fetching CUDA ones from NuGet.
            exec(work, Map.of("ONNXRUNTIME_NODE_INSTALL", "skip"), Duration.ofMinutes(10), "npm", "install",
                    "--no-audit", "--no-fund", "--loglevel=error", "onnxruntime-node@" + VERSION);
        }
        Path script = work.resolve(SCRIPT);
        try (InputStream in = OnnxRuntimeNode.class.getResourceAsStream("/bench/" + SCRIPT)) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        String output = exec(work, Map.of(), Duration.ofMinutes(10), "node", script.toAbsolutePath().toString(),
                model.toAbsolutePath().toString(), String.valueOf(runs), String.valueOf(warmups));
        List<String> lines = output.lines().toList();
        JsonNode result = JSON.readTree(lines.get(lines.size() - 1));
        return new Result(result.path("version").asText(), result.path("runs").asInt(),
                result.path("medianMs").asDouble(), result.path("minMs").asDouble());
    }

    /** peersWork/web/models/mnv2.onnx, made the way shared/peers/run.sh makes it when missing. */
    private static Path onnxModel(Path peersDir, Path peersWork) throws IOException, InterruptedException {
        Path model = peersWork.resolve("web/models/mnv2.onnx");
        if (Files.exists(model)) {
            return model;
        }
        Files.createDirectories(peersWork);
        if (!Files.isDirectory(peersWork.resolve("node_modules/onnx-proto"))) {
            exec(Path.of("."), Map.of(), Duration.ofMinutes(1), "cp", "-r", peersDir + "/.", peersWork.toString());
            exec(Path.of("."), Map.of(), Duration.ofMinutes(1), "chmod", "-R", "u+w", peersWork.toString());
            exec(peersWork, Map.of(), Duration.ofMinutes(10), "npm", "install", "--no-audit", "--no-fund",
                    "--loglevel=error");
        }
        exec(peersWork, Map.of(), Duration.ofMinutes(10), "node", "make_onnx.js");
        return model;
    }

    /** Runs a command in {@code dir}; returns its standard output, or fails with its error output. */
    private static String exec(Path dir, Map<String, String> env, Duration timeout, String... command)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().putAll(env);
        Path out = Files.createTempFile("lenslet-bench-native", ".out");
        Path errors = Files.createTempFile("lenslet-bench-native", ".err");
        try {
            Process process = builder.redirectOutput(out.toFile()).redirectError(errors.toFile()).start();
            if (!process.waitFor(timeout.toMinutes(), TimeUnit.MINUTES)) {
                process.destroy();
                throw new IOException(String.join(" ", command) + " did not finish in " + timeout);
            }
            if (process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed with exit status " + process.exitValue()
                        + ": " + Files.readString(errors).strip());
            }
            return Files.readString(out);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(errors);
        }
    }
}
