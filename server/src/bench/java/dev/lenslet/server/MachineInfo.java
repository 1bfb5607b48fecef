package dev.lenslet.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** What the figures were measured on: CPU, cores, memory, Java, and the load while measuring. */
record MachineInfo(String cpu, int cores, String memory, String java, String os, String chromium) {
    static MachineInfo current() {
        String cpu = procLine("/proc/cpuinfo", "model name").orElse(System.getProperty("os.arch"));
        String memory = procLine("/proc/meminfo", "MemTotal")
                .map(kb -> String.format("%.1f GiB", Long.parseLong(kb.replaceAll("\\D", "")) / 1048576.0))
                .orElse("unknown");
        return new MachineInfo(cpu, Runtime.getRuntime().availableProcessors(), memory,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version"), chromiumVersion());
    }

    /** What /usr/bin/chromium --version prints, e.g. "Chromium 142.0.7444.175 built on Debian ...". */
    private static String chromiumVersion() {
        try {
            Process process = new ProcessBuilder("/usr/bin/chromium", "--version")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String version = new String(process.getInputStream().readAllBytes()).trim();
            return process.waitFor() == 0 ? version : "unknown (chromium --version failed)";
        } catch (IOException e) {
            return "not installed";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    /** The 1-minute load average now, or -1 where /proc is missing: shows how busy the shared machine was. */
    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The value after the colon of the first line starting with {@code key} in a /proc file. */
    private static Optional<String> procLine(String file, String key) {
        try {
            return Files.readAllLines(Path.of(file)).stream().filter(line -> line.startsWith(key))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim()).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
