package dev.lenslet.server.http;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Request;

/**
 * Whether the client of a request whose body has fully arrived has gone, asked while its image is decoded.
 *
 * <p>Jetty stops reading an HTTP/1.1 connection once a request's body is in, and reads again only after the
 * answer, so a client's close is not seen while the server works for it: the request's failure listeners do not
 * fire. This looks at the socket without reading from it. A selector of its own says whether the socket is
 * readable; readable with no byte waiting means the client closed or reset the connection. Bytes waiting are a
 * pipelined request: they are left for Jetty, and the client is there. A client that shuts down only its sending
 * side and waits for the answer is taken to have gone, as Go's net/http and nginx take it. Over TLS a client
 * that closes cleanly first sends a close_notify record, which looks like waiting bytes, so there only a reset or
 * a bare close is seen.
 */
final class ClientPresence implements BooleanSupplier, AutoCloseable {
    private final AtomicBoolean failed = new AtomicBoolean();
    private final Selector selector;
    private final SelectionKey socketKey;

    private ClientPresence(Selector selector, SelectionKey socketKey) {
        this.selector = selector;
        this.socketKey = socketKey;
    }

    /** Watches the connection of {@code request}, whose body has fully arrived, until closed. */
    static ClientPresence watch(Request request) throws IOException {
        SocketChannel socket = socketOf(request.getConnectionMetaData().getConnection().getEndPoint());
        Selector selector = Selector.open();
        SelectionKey key = null;
        try {
            key = socket.register(selector, SelectionKey.OP_READ);
        } catch (ClosedChannelException e) {
            // Closed already: the key stays null and the client is gone.
        }
        ClientPresence presence = new ClientPresence(selector, key);
        request.addFailureListener(failure -> presence.failed.set(true));
        return presence;
    }

    /** True once the client has closed or reset its connection, or Jetty failed the request. */
    @Override
    public boolean getAsBoolean() {
        return failed.get() || socketClosed();
    }

    private boolean socketClosed() {
        if (socketKey == null) {
            return true;
        }
        try {
            selector.selectNow();
            if (!socketKey.isValid()) {
                return true; // Jetty closed the socket
            }
            return socketKey.isReadable() && waitingBytes((SocketChannel) socketKey.channel()) == 0;
        } catch (IOException e) {
            return true;
        }
    }

    /** What the socket holds unread (FIONREAD): no read, no lock that Jetty's own reads take. */
    private static int waitingBytes(SocketChannel socket) throws IOException {
        return socket.socket().getInputStream().available();
    }

    /** The TCP socket under an end point, under TLS too (an SSL end point's transport is the network end point). */
    private static SocketChannel socketOf(EndPoint endPoint) throws IOException {
        Object transport = endPoint.getTransport();
        while (transport instanceof EndPoint inner) {
            transport = inner.getTransport();
        }
        if (transport instanceof SocketChannel socket) {
            return socket;
        }
        throw new IOException("not a TCP connection: " + transport);
    }

    /** Stops watching; the socket stays open, and Jetty's. */
    @Override
    public void close() throws IOException {
        selector.close();
    }
}
