package dev.lenslet.server;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What {@link LensletServer} serves and how.
 *
 * @param modelName        the model's file name, as the manifest and /healthz report it
 * @param model            the model file's bytes
 * @param labelText        the label file's text, or null when the model's embedded labels are used
 * @param maxUploadBytes   the largest image the classify API accepts
 * @param classifiers      how many images the classify API works on at once (each takes one core)
 * @param maxInferenceWait how long an API request may wait for a free classifier before a 503
 * @param tls              the certificate to serve HTTPS with, or null for plain HTTP
 */
record ServerConfig(String modelName, byte[] model, String labelText, int maxUploadBytes, int classifiers,
                    Duration maxInferenceWait, KeyStoreFile tls) {
    /** Enough for any phone photo at full resolution. */
    static final int DEFAULT_MAX_UPLOAD_BYTES = 20 << 20;
    /** Many times one inference (about 0.1 s): a request waits this long only when the server is swamped. */
    static final Duration DEFAULT_MAX_INFERENCE_WAIT = Duration.ofSeconds(5);

    /** A PKCS12 or JKS key store holding the server's private key and certificate. */
    record KeyStoreFile(Path path, String password) {
    }

    /** Plain HTTP, the default limits, one classifier per core. */
    static ServerConfig of(String modelName, byte[] model, String labelText) {
        return new ServerConfig(modelName, model, labelText, DEFAULT_MAX_UPLOAD_BYTES,
                Runtime.getRuntime().availableProcessors(), DEFAULT_MAX_INFERENCE_WAIT, null);
    }

    ServerConfig withMaxUploadBytes(int bytes) {
        return new ServerConfig(modelName, model, labelText, bytes, classifiers, maxInferenceWait, tls);
    }

    ServerConfig withClassifiers(int count) {
        return new ServerConfig(modelName, model, labelText, maxUploadBytes, count, maxInferenceWait, tls);
    }

    ServerConfig withTls(Path keyStore, String password) {
        return new ServerConfig(modelName, model, labelText, maxUploadBytes, classifiers, maxInferenceWait,
                new KeyStoreFile(keyStore, password));
    }
}
