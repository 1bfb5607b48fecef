package dev.lenslet.server.model;

import dev.lenslet.server.IoErrors;
import dev.lenslet.server.cli.ProgressBar;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * A file fetched once from a fixed URL into a cache directory and trusted only if its SHA-256 matches. It is
 * written to a temporary file and moved into place only after the check, so the cache never holds a partial or
 * wrong file, even if the download is interrupted or two processes fetch at once.
 */
final class PinnedDownload {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI url;
    private final String sha256;
    private final Path cacheDir;
    private final String fileName;

    PinnedDownload(URI url, String sha256, Path cacheDir) {
        this.url = url;
        this.sha256 = sha256;
        this.cacheDir = cacheDir;
        this.fileName = Path.of(url.getPath()).getFileName().toString();
    }

    /**
     * The cached file, downloading and verifying it first if it is not cached yet.
     *
     * @param messages    where the download's start and end are reported
     * @param progressBar where its progress bar is drawn (a null writer when stderr is not a terminal)
     */
    Path fetch(PrintWriter messages, PrintWriter progressBar) throws ModelUnavailableException {
        Path target = cacheDir.resolve(fileName);
        if (Files.isRegularFile(target)) {
            return target;
        }
        messages.println("lenslet: downloading the model " + url + " into " + cacheDir);
        Path partial = null;
        try {
            Files.createDirectories(cacheDir);
            partial = Files.createTempFile(cacheDir, fileName, ".part");
            String actual = download(partial, progressBar);
            if (!actual.equals(sha256)) {
                throw new ModelUnavailableException("model downloaded from " + url + " has the wrong checksum: "
                        + "expected SHA-256 " + sha256 + " but got " + actual + "; deleted it. Try again later, or "
                        + "pass --model FILE with a copy you trust");
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            messages.println("lenslet: checksum verified; saved the model as " + target);
            return target;
        } catch (IOException e) {
            throw new ModelUnavailableException("cannot download the model from " + url + " into " + cacheDir + ": "
                    + IoErrors.describe(e) + "; check the network, or pass --model FILE");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelUnavailableException("download of the model from " + url + " was interrupted");
        } finally {
            deleteQuietly(partial);
        }
    }

    /** Streams the body into {@code file} with a progress bar; returns its SHA-256 in hex. */
    private String download(Path file, PrintWriter progressBar) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(TIMEOUT)
                .build();
        HttpRequest request = HttpRequest.newBuilder(url).timeout(TIMEOUT).GET().build();
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        MessageDigest digest = sha256Digest();
        try (InputStream in = response.body(); OutputStream out = Files.newOutputStream(file)) {
            if (response.statusCode() != 200) {
                throw new IOException("the server answered HTTP " + response.statusCode());
            }
            long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            ProgressBar progress = ProgressBar.ofBytes(progressBar, "downloading " + fileName, length);
            byte[] buffer = new byte[64 * 1024];
            long done = 0;
            for (int n; (n = in.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
                digest.update(buffer, 0, n);
                done += n;
                progress.update(done);
            }
            progress.clear();
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime must provide SHA-256", e);
        }
    }

    /** Removes the temporary file unless it was moved into place; a leftover would only waste space. */
    private static void deleteQuietly(Path partial) {
        if (partial == null) {
            return;
        }
        try {
            Files.deleteIfExists(partial);
        } catch (IOException ignored) {
            // Nothing more to do: the download already succeeded or already failed with a clearer message.
        }
    }
}
