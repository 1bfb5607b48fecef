package dev.lenslet.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.http.HttpHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;


/** {@code --keystore}: HTTPS on the same port, with a PKCS12 or JKS key store made by the JDK's keytool. */
class TlsTest {
    @TempDir
    Path temp;

    @ParameterizedTest
    @ValueSource(strings = {"PKCS12", "JKS"})
    void servesHttpsWithTheKeyStore(String storeType) throws Exception {
        Path keyStore = TestKeyStore.generate(temp, storeType);

        try (TestServer server = TestServer.start(TestServer.sharedModelConfig().withTls(keyStore,
                TestKeyStore.PASSWORD))) {
            ContentResponse health = server.get("/healthz");

            assertEquals(200, health.getStatus());
            assertEquals("https", health.getRequest().getScheme());
            assertTrue(health.getContentAsString().contains("\"status\":\"ok\""));
            StaticFilesTest.assertSecurityHeaders(health);
        }
    }

    /** Over HTTPS every response, the page as an error, tells the browser to use HTTPS only for a year. */
    @Test
    void httpsResponsesCarryStrictTransportSecurity() throws Exception {
        Path keyStore = TestKeyStore.generate(temp, "PKCS12");

        try (TestServer server = TestServer.start(TestServer.sharedModelConfig().withTls(keyStore,
                TestKeyStore.PASSWORD))) {
            for (String path : new String[] {"/index.html", "/no-such-file", "/healthz"}) {
                assertEquals("max-age=31536000", server.get(path).getHeaders()
                        .get(HttpHeader.STRICT_TRANSPORT_SECURITY), path);
            }
        }
        try (TestServer plain = TestServer.start(TestServer.sharedModelConfig())) {
            assertNull(plain.get("/index.html").getHeaders().get(HttpHeader.STRICT_TRANSPORT_SECURITY),
                    "browsers ignore HSTS over plain HTTP; it is never sent there");
        }
    }

    @Test
    void wrongPasswordFailsTheStart() throws Exception {
        Path keyStore = TestKeyStore.generate(temp, "PKCS12");
        ServerConfig config = TestServer.sharedModelConfig().withTls(keyStore, "not-" + TestKeyStore.PASSWORD);

        IOException e = assertThrows(IOException.class, () -> TestServer.start(config).close());
        Throwable cause = e;
        while (cause.getCause() != null && (cause.getMessage() == null || !cause.getMessage().contains("password"))) {
            cause = cause.getCause();
        }
        assertTrue(cause.getMessage() != null && cause.getMessage().contains("password"),
                () -> "the failure names the password: " + e);
    }
}
