package dev.lenslet.server.http;

import dev.lenslet.core.Arithmetic;
import dev.lenslet.server.image.ImageDecoder;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What {@link LensletServer} serves and how.
 *
 * @param modelName        the model's file name, as the manifest and /healthz report it
 * @param model            the model file's bytes
 * @param labelText        the label file's text, or null when the model's embedded labels are used
 * @param arithmetic       how the classify API's classifiers compute the network
 * @param maxUploadBytes   the largest image the classify API accepts
 * @param maxPixels        the most pixels an uploaded image may declare; larger ones are refused undecoded
 * @param classifiers      how many images the classify API works on at once (each takes one core)
 * @param maxInferenceWait how long an API request may wait for a free classifier before a 503
 * @param clients          deadlines, rates and how many uploads may arrive at once
 * @param tls              the certificate to serve HTTPS with, or null for plain HTTP
 * @param headFile         a taught head the classify API answers with by default, or null for ImageNet's classes
 */
public record ServerConfig(String modelName, byte[] model, String labelText, Arithmetic arithmetic, int maxUploadBytes,
                    long maxPixels, int classifiers, Duration maxInferenceWait, ClientLimits clients,
                    KeyStoreFile tls, Path headFile) {
    /** Enough for any phone photo at full resolution. */
    public static final int DEFAULT_MAX_UPLOAD_BYTES = 20 << 20;
    /** Many times one inference (about 0.1 s): a request waits this long only when the server is swamped. */
    static final Duration DEFAULT_MAX_INFERENCE_WAIT = Duration.ofSeconds(5);

    /** A PKCS12 or JKS key store holding the server's private key and certificate. */
    record KeyStoreFile(Path path, String password) {
    }

    /** Float arithmetic, plain HTTP, the default limits, one classifier per core. */
    public static ServerConfig of(String modelName, byte[] model, String labelText) {
        return new ServerConfig(modelName, model, labelText, Arithmetic.FLOAT, DEFAULT_MAX_UPLOAD_BYTES,
                ImageDecoder.DEFAULT_MAX_MEGAPIXELS * 1_000_000L, Runtime.getRuntime().availableProcessors(),
                DEFAULT_MAX_INFERENCE_WAIT, ClientLimits.DEFAULT, null, null);
    }

    public ServerConfig withArithmetic(Arithmetic newArithmetic) {
        return new ServerConfig(modelName, model, labelText, newArithmetic, maxUploadBytes, maxPixels, classifiers,
                maxInferenceWait, clients, tls, headFile);
    }

    public ServerConfig withMaxUploadBytes(int bytes) {
        return new ServerConfig(modelName, model, labelText, arithmetic, bytes, maxPixels, classifiers,
                maxInferenceWait, clients, tls, headFile);
    }

    public ServerConfig withMaxPixels(long pixels) {
        return new ServerConfig(modelName, model, labelText, arithmetic, maxUploadBytes, pixels, classifiers,
                maxInferenceWait, clients, tls, headFile);
    }

    public ServerConfig withClassifiers(int count) {
        return new ServerConfig(modelName, model, labelText, arithmetic, maxUploadBytes, maxPixels, count,
                maxInferenceWait, clients, tls, headFile);
    }

    ServerConfig withIdleTimeout(Duration timeout) {
        return withClients(clients.withIdle(timeout));
    }

    ServerConfig withClients(ClientLimits limits) {
        return new ServerConfig(modelName, model, labelText, arithmetic, maxUploadBytes, maxPixels, classifiers,
                maxInferenceWait, limits, tls, headFile);
    }

    public ServerConfig withTls(Path keyStore, String password) {
        return new ServerConfig(modelName, model, labelText, arithmetic, maxUploadBytes, maxPixels, classifiers,
                maxInferenceWait, clients, new KeyStoreFile(keyStore, password), headFile);
    }

    /** Answers with the classes of this head file (checked against the model when the server is made). */
    public ServerConfig withHead(Path file) {
        return new ServerConfig(modelName, model, labelText, arithmetic, maxUploadBytes, maxPixels, classifiers,
                maxInferenceWait, clients, tls, file);
    }
}
