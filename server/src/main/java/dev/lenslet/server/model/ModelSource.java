package dev.lenslet.server.model;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/** Decides which model file to use: the one given, else a local copy of the default, else the pinned download. */
public final class ModelSource {
    public static final String LOCAL_COPY_DESCRIPTION = "../shared/models/mobilenet_v2_1.0_224_quant.tflite";
    public static final String CACHE_DIR_DESCRIPTION = "$XDG_CACHE_HOME/lenslet or ~/.cache/lenslet";
    /** A fixed commit, so the bytes (and so the checksum) can never change under us. */
    static final URI PINNED_URL = URI.create("https://github.com/google-coral/test_data/raw/"
            + "104342d2d3480b3e66203073dac24f4e2dbb4c41/mobilenet_v2_1.0_224_quant.tflite");
    public static final String PINNED_SHA256 = "7aad0c74c5e3c06e5eb3c827e13304fdd68a83da6087d92ee169c24ff9fd4776";

    private final Path localCopy;
    private final PinnedDownload download;

    ModelSource(Path localCopy, PinnedDownload download) {
        this.localCopy = localCopy;
        this.download = download;
    }

    /** The default: the project's shared copy (relative to the current directory), else the cached download. */
    public static ModelSource standard() {
        return new ModelSource(Path.of(LOCAL_COPY_DESCRIPTION), new PinnedDownload(PINNED_URL, PINNED_SHA256, cacheDir()));
    }

    /**
     * @param given the model the user named, or null for the default
     * @param messages    where a download reports its start and end
     * @param progressBar where a download draws its progress bar (a null writer when stderr is not a terminal)
     */
    public Path resolve(Path given, PrintWriter messages, PrintWriter progressBar) throws ModelUnavailableException {
        if (given != null) {
            if (!Files.isRegularFile(given)) {
                throw new ModelUnavailableException("model " + given + ": no such file; check the --model path");
            }
            return given;
        }
        if (Files.isRegularFile(localCopy)) {
            return localCopy;
        }
        return download.fetch(messages, progressBar);
    }

    private static Path cacheDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        // The XDG spec says to ignore a relative value.
        Path base = xdg != null && Path.of(xdg).isAbsolute() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("lenslet");
    }
}
