package dev.lenslet.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lenslet.server.SharedFiles;
import dev.lenslet.server.http.TestKeyStore;
import dev.lenslet.server.image.OddImages;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;


/** {@code lenslet serve}: its options, what it prints, and how it fails. */
class ServeCommandTest {
    @TempDir
    Path temp;

    @Test
    void startsAndPrintsTheUrlToOpen() throws Exception {
        Started serve = Started.with("--port", "0", "--model", SharedFiles.MODEL.toString());
        try {
            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(serve.urlToOpen() + "healthz")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());
            assertEquals("", serve.err.toString(), "no warning on the loopback address");
        } finally {
            serve.server.stop();
        }
    }

    @Test
    void allInterfacesOverPlainHttpPrintTheCameraWarning() throws Exception {
        // Bound to every interface for the length of the test; only loopback is ever sent to.
        Started serve = Started.with("--host", "0.0.0.0", "--port", "0", "--model", SharedFiles.MODEL.toString());
        try {
            String err = serve.err.toString();
            assertEquals(1, err.lines().count(), err);
            assertTrue(err.contains("Serve HTTPS with --keystore FILE --keystore-password-file FILE"), err);
            assertTrue(err.startsWith("lenslet: warning: 0.0.0.0 can be reached from other machines,"
                    + " but over plain HTTP: browsers allow the camera only on https:// pages or on localhost"), err);
            assertTrue(serve.out.toString().contains("Open http://localhost:"), serve.out.toString());
        } finally {
            serve.server.stop();
        }
    }

    @Test
    void maxMegapixelsLimitsTheApi() throws Exception {
        byte[] twoMegapixels = OddImages.encode(OddImages.redLeftBlueRight(2000, 1000), "png");
        Started strict = Started.with("--port", "0", "--max-megapixels", "1", "--model", SharedFiles.MODEL.toString());
        Started roomy = Started.with("--port", "0", "--max-megapixels", "2", "--model", SharedFiles.MODEL.toString());
        try {
            HttpResponse<String> refused = postImage(strict.urlToOpen(), twoMegapixels);
            HttpResponse<String> accepted = postImage(roomy.urlToOpen(), twoMegapixels);

            assertEquals(413, refused.statusCode(), refused.body());
            assertTrue(refused.body().contains("more than the limit of 1.0"), refused.body());
            assertEquals(200, accepted.statusCode(), accepted.body());
        } finally {
            strict.server.stop();
            roomy.server.stop();
        }
    }

    private static HttpResponse<String> postImage(String urlToOpen, byte[] image) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(urlToOpen + "api/classify"))
                .header("Content-Type", "image/png").POST(HttpRequest.BodyPublishers.ofByteArray(image)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void integerArithmeticServesUint8Scores() throws Exception {
        Started serve = Started.with("--port", "0", "--arithmetic", "integer", "--model", SharedFiles.MODEL.toString());
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(serve.urlToOpen() + "api/classify?crop=none"))
                            .header("Content-Type", "image/jpeg")
                            .POST(HttpRequest.BodyPublishers.ofFile(SharedFiles.photo("grace_hopper.jpg"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            JsonNode result = new ObjectMapper().readTree(response.body());
            assertEquals("military uniform", result.get("top").get(0).get("label").asText(), response.body());
            ClassifyCommandTest.assertIntegerScores(result, "grace_hopper.jpg");
        } finally {
            serve.server.stop();
        }
    }

    @Test
    void busyPortIsReportedWithWhatToDo() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Cli.Result run = serve("--port", String.valueOf(taken.getLocalPort()),
                    "--model", SharedFiles.MODEL.toString());

            assertEquals(1, run.exitCode());
            assertTrue(run.err().contains("pick another --port"), run.err());
        }
    }

    @Test
    void keyStoreNeedsItsPassword() {
        Cli.Result run = serve("--keystore", SharedFiles.MODEL.toString());

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--keystore needs its password: --keystore-password-file FILE, the "
                + KeyStoreOptions.PASSWORD_VARIABLE + " environment variable"), run.err());
    }

    /** The password can stay out of the process list: from a file, or from the environment. */
    @Test
    void keyStorePasswordComesFromAFileOrTheEnvironment() throws Exception {
        Path keyStore = TestKeyStore.generate(temp, "PKCS12");
        Path passwordFile = Files.writeString(temp.resolve("password"), TestKeyStore.PASSWORD + "\n");

        assertServesHttps(new ServeCommand(Map.of()), "--keystore", keyStore.toString(),
                "--keystore-password-file", passwordFile.toString());
        assertServesHttps(new ServeCommand(Map.of(KeyStoreOptions.PASSWORD_VARIABLE, TestKeyStore.PASSWORD)),
                "--keystore", keyStore.toString());
    }

    @Test
    void wrongPasswordInTheFileFailsTheStart() throws Exception {
        Path keyStore = TestKeyStore.generate(temp, "PKCS12");
        Path passwordFile = Files.writeString(temp.resolve("password"), "not-" + TestKeyStore.PASSWORD);

        Cli.Result run = serve("--port", "0", "--model", SharedFiles.MODEL.toString(), "--keystore",
                keyStore.toString(), "--keystore-password-file", passwordFile.toString());

        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("cannot serve on") && run.err().contains("--keystore and its password"),
                run.err());
    }

    @Test
    void passwordOnTheCommandLineIsDocumentedAsVisible() {
        String help = new CommandLine(new ServeCommand(Map.of())).getUsageMessage();

        assertTrue(help.contains("--keystore-password-file") && help.contains(KeyStoreOptions.PASSWORD_VARIABLE)
                && help.contains("process list"), help);
        Cli.Result both = serve("--keystore", SharedFiles.MODEL.toString(), "--keystore-password", "x",
                "--keystore-password-file", SharedFiles.MODEL.toString());
        assertEquals(2, both.exitCode());
        assertTrue(both.err().contains("not both"), both.err());
    }

    @Test
    void missingKeyStoreIsAUsageError() {
        Cli.Result run = serve("--keystore", temp.resolve("none.p12").toString(), "--keystore-password", "x");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("none.p12: no such file"), run.err());
    }

    @Test
    void portOutOfRangeIsAUsageError() {
        Cli.Result run = serve("--port", "70000");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--port must be from 0 to 65535"), run.err());
    }

    @Test
    void unusableModelIsReportedByName() throws Exception {
        Path notAModel = Files.writeString(temp.resolve("notes.tflite"), "not a model");

        Cli.Result run = serve("--port", "0", "--model", notAModel.toString());

        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("lenslet: error: model " + notAModel), run.err());
    }

    @Test
    void aFileThatIsNoHeadIsReportedByNameBeforeServing() throws Exception {
        Path notAHead = Files.writeString(temp.resolve("classes.head"), "cat,dog,bird,insect");

        Cli.Result run = assertTimeoutPreemptively(Duration.ofMinutes(1),
                () -> serve("--port", "0", "--model", SharedFiles.MODEL.toString(), "--head", notAHead.toString()));

        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("lenslet: error: head file " + notAHead + ": this is not a Lenslet head"
                + " file"), run.err());
        assertFalse(run.out().contains("Open "), "never started: " + run.out());
    }

    @Test
    void integerArithmeticRefusesToServeAPerChannelModel() {
        Path model = SharedFiles.PER_CHANNEL_MODEL;

        // Should the model load after all, serve would run until stopped: fail instead of waiting forever.
        Cli.Result run = assertTimeoutPreemptively(Duration.ofMinutes(1),
                () -> serve("--port", "0", "--arithmetic", "integer", "--model", model.toString()));

        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("lenslet: error: model " + model + ": "), run.err());
        assertTrue(run.err().contains("integer arithmetic") && run.err().contains("float arithmetic"), run.err());
        assertFalse(run.err().contains("Exception") || run.err().contains("\tat "), run.err());
        assertFalse(run.out().contains("Open "), "never started: " + run.out());
    }

    @Test
    void nonLoopbackHostsGetTheCameraWarningAndAnOpenableUrl() {
        assertTrue(ServeCommand.isLoopback("127.0.0.1"));
        assertTrue(ServeCommand.isLoopback("localhost"));
        assertTrue(ServeCommand.isLoopback("::1"));
        assertFalse(ServeCommand.isLoopback("0.0.0.0"));
        assertFalse(ServeCommand.isLoopback("192.0.2.10"));
        String warning = ServeCommand.insecureCameraWarning("0.0.0.0");
        assertTrue(warning.contains("camera") && warning.contains("https") && warning.contains("localhost")
                && warning.contains("--keystore"), warning);

        assertEquals("localhost", ServeCommand.urlHost("0.0.0.0"));
        assertEquals("localhost", ServeCommand.urlHost("::"));
        assertEquals("[::1]", ServeCommand.urlHost("::1"));
        assertEquals("192.0.2.10", ServeCommand.urlHost("192.0.2.10"));
    }

    /** A server started by {@code serve args...}, with what it printed; the test stops it. */
    private record Started(Server server, StringWriter out, StringWriter err) {
        static Started with(String... args) throws Exception {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            ServeCommand serve = new ServeCommand();
            new CommandLine(serve).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                    .parseArgs(args);
            return new Started(serve.start(), out, err);
        }

        /** The URL the server told the user to open, with loopback's address for this machine's browser. */
        String urlToOpen() {
            Matcher url = Pattern.compile("Open http://(127\\.0\\.0\\.1|localhost)(:\\d+/) in a browser")
                    .matcher(out.toString());
            assertTrue(url.find(), out.toString());
            return "http://127.0.0.1" + url.group(2);
        }
    }

    /** Starts {@code serve} with these options; it must serve HTTPS, so the key store's password was right. */
    private static void assertServesHttps(ServeCommand serve, String... args) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        new CommandLine(serve).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).parseArgs(
                Stream.concat(Stream.of("--port", "0", "--model", SharedFiles.MODEL.toString()), Stream.of(args))
                        .toArray(String[]::new));

        Server server = serve.start();
        try {
            assertTrue(server != null && out.toString().contains("Open https://127.0.0.1:"), out + "\n" + err);
        } finally {
            if (server != null) {
                server.stop();
            }
        }
    }

    /** Runs {@code serve} with an environment without {@value KeyStoreOptions#PASSWORD_VARIABLE}. */
    private static Cli.Result serve(String... args) {
        return Cli.run(new ServeCommand(Map.of()), args);
    }
}
