package dev.lenslet.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.ContentResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;


/** {@code --keystore}: HTTPS on the same port, with a PKCS12 or JKS key store made by the JDK's keytool. */
class TlsTest {
    private static final String PASSWORD = "test-password";

    @TempDir
    Path temp;

    @ParameterizedTest
    @ValueSource(strings = {"PKCS12", "JKS"})
    void servesHttpsWithTheKeyStore(String storeType) throws Exception {
        Path keyStore = generateKeyStore(storeType);

        try (TestServer server = TestServer.start(TestServer.sharedModelConfig().withTls(keyStore, PASSWORD))) {
            ContentResponse health = server.get("/healthz");

            assertEquals(200, health.getStatus());
            assertEquals("https", health.getRequest().getScheme());
            assertTrue(health.getContentAsString().contains("\"status\":\"ok\""));
            StaticFilesTest.assertSecurityHeaders(health);
        }
    }

    @Test
    void wrongPasswordFailsTheStart() throws Exception {
        Path keyStore = generateKeyStore("PKCS12");
        ServerConfig config = TestServer.sharedModelConfig().withTls(keyStore, "not-" + PASSWORD);

        IOException e = assertThrows(IOException.class, () -> TestServer.start(config).close());
        Throwable cause = e;
        while (cause.getCause() != null && (cause.getMessage() == null || !cause.getMessage().contains("password"))) {
            cause = cause.getCause();
        }
        assertTrue(cause.getMessage() != null && cause.getMessage().contains("password"),
                () -> "the failure names the password: " + e);
    }

    private Path generateKeyStore(String storeType) throws Exception {
        Path keyStore = temp.resolve("lenslet." + storeType.toLowerCase());
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
