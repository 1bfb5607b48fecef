package dev.lenslet.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Key stores for HTTPS tests, made by the JDK's keytool with a self-signed certificate for 127.0.0.1. */
public final class TestKeyStore {
    public static final String PASSWORD = "test-password";

    private TestKeyStore() {
    }

    /** A new key store of {@code storeType} (PKCS12 or JKS) in {@code folder}, locked with {@link #PASSWORD}. */
    public static Path generate(Path folder, String storeType) throws Exception {
        Path keyStore = folder.resolve("lenslet." + storeType.toLowerCase());
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", "lenslet",
                "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", storeType, "-keystore", keyStore.toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "keytool did not finish");
        assertEquals(0, process.exitValue(), output);
        return keyStore;
    }
}
