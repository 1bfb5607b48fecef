package dev.lenslet.server;

import java.net.URI;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The real Lenslet server for the browser tests, on a free loopback port with the shared model: http://127.0.0.1
 * is a secure context, so the browser allows the camera and service workers. Unlike {@link TestServer}, it can
 * wrap the server's handlers (to alter what the browser receives) and stop while the test goes on (to go offline).
 */
final class BrowserTestServer implements AutoCloseable {
    private final Server server;
    private final URI root;

    private BrowserTestServer(Server server) {
        this.server = server;
        int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        this.root = URI.create("http://127.0.0.1:" + port + "/");
    }

    static BrowserTestServer start() throws Exception {
        return start(UnaryOperator.identity());
    }

    /**
     * @param wrapHandler wraps the server's whole handler tree before it starts, for tests that alter what the
     *                    browser receives
     */
    static BrowserTestServer start(UnaryOperator<Handler> wrapHandler) throws Exception {
        Server server = LensletServer.newServer(0, "127.0.0.1", TestServer.sharedModelConfig());
        server.setHandler(wrapHandler.apply(server.getHandler()));
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            throw e;
        }
        return new BrowserTestServer(server);
    }

    /** {@code pathAndQuery} resolved against the server's root, e.g. {@code /?build=js}. */
    URI uri(String pathAndQuery) {
        return root.resolve(pathAndQuery);
    }

    /** Stops serving, as if the network were gone: connections are refused from now on. */
    void stop() throws Exception {
        server.stop();
    }

    @Override
    public void close() throws Exception {
        stop();
    }
}
