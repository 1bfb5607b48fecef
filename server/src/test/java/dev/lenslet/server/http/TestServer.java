package dev.lenslet.server.http;

import dev.lenslet.server.SharedFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * A {@link LensletServer} on a free loopback port, serving the shared model with one classifier, and a Jetty
 * client that sees responses exactly as sent (it does not undo gzip). Browser tests use it too: http://127.0.0.1
 * is a secure context, so browsers allow the camera and service workers there.
 */
public final class TestServer implements AutoCloseable {
    /** Small, so that an oversized upload is quick to send; the cat photos are about half of it. */
    static final int MAX_UPLOAD_BYTES = 1 << 20;

    private final Server server;
    private final HttpClient client;
    private final URI base;

    private TestServer(Server server, HttpClient client, URI base) {
        this.server = server;
        this.client = client;
        this.base = base;
    }

    /** The shared primary model with its embedded labels, one classifier, {@link #MAX_UPLOAD_BYTES}. */
    public static ServerConfig sharedModelConfig() {
        try {
            return ServerConfig.of(SharedFiles.MODEL.getFileName().toString(), Files.readAllBytes(SharedFiles.MODEL),
                    null).withClassifiers(1).withMaxUploadBytes(MAX_UPLOAD_BYTES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static TestServer start(ServerConfig config) throws Exception {
        return start(config, UnaryOperator.identity());
    }

    /** The shared model, as the browser tests need it. */
    public static TestServer start() throws Exception {
        return start(sharedModelConfig());
    }

    /**
     * The shared model behind {@code front}, which gets the server's whole handler tree: for tests that alter what
     * the browser receives.
     */
    public static TestServer startBehind(Handler.Wrapper front) throws Exception {
        return start(sharedModelConfig(), handler -> {
            front.setHandler(handler);
            return front;
        });
    }

    /**
     * @param wrapHandler wraps the server's whole handler tree before it starts, for tests that alter what the
     *                    browser receives
     */
    public static TestServer start(ServerConfig config, UnaryOperator<Handler> wrapHandler) throws Exception {
        Server server = LensletServer.newServer(0, "127.0.0.1", config);
        server.setHandler(wrapHandler.apply(server.getHandler()));
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            throw e;
        }
        HttpClient client = new HttpClient();
        // Test certificates are self-signed; what is tested is that the server speaks TLS with its key store.
        client.setSslContextFactory(new SslContextFactory.Client(true));
        client.start();
        // Cleared after the start, which is when the client installs its gzip decoder.
        client.getContentDecoderFactories().clear();
        int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        String scheme = config.tls() == null ? "http" : "https";
        return new TestServer(server, client, URI.create(scheme + "://127.0.0.1:" + port + "/"));
    }

    /** {@code pathAndQuery} resolved against the server's root, e.g. {@code /?build=js}. */
    public URI uri(String pathAndQuery) {
        return base.resolve(pathAndQuery);
    }

    /** Stops serving, as if the network were gone: connections are refused from now on. */
    public void stopServing() throws Exception {
        server.stop();
    }

    public Request request(String path) {
        return client.newRequest(base.resolve(path)).timeout(20, TimeUnit.SECONDS);
    }

    /**
     * Waits out a 503's {@code Retry-After}, as a well-behaved client does before sending again; returns whether
     * the response asked for that.
     */
    public static boolean waitedOutRetryAfter(ContentResponse response) throws InterruptedException {
        String retryAfter = response.getHeaders().get(HttpHeader.RETRY_AFTER);
        if (response.getStatus() != 503 || retryAfter == null) {
            return false;
        }
        Thread.sleep(Long.parseLong(retryAfter) * 1000);
        return true;
    }

    public ContentResponse get(String path) throws Exception {
        return request(path).send();
    }

    /**
     * Sends {@code requestLine} byte for byte over a plain socket, for URLs that a client library would
     * normalize before sending, and returns the whole response as text.
     */
    String sendRaw(String requestLine) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write((requestLine + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            client.stop();
        } finally {
            server.stop();
        }
    }
}
