package dev.lenslet.server.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Closes connections whose request line and headers have not all arrived within a deadline of their first
 * byte. Jetty's idle timeout restarts with every byte, so without this a client sending its headers one byte at
 * a time holds a connection for as long as it likes. A timer looks at every open connection's parser; a
 * connection waiting for its next request (no byte of it yet) is left to the idle timeout.
 */
final class HeaderDeadline extends AbstractLifeCycle implements Connection.Listener {
    private final ClientLimits limits;
    private final Scheduler scheduler;
    /** The open HTTP/1 connections, each with when its current request's headers were first seen arriving. */
    private final Map<HttpConnection, HeadersSeen> open = new ConcurrentHashMap<>();
    private volatile Scheduler.Task sweep;

    /** @param messagesIn the connection's request count then, which tells one request's headers from the next */
    private record HeadersSeen(long messagesIn, long sinceNanos) {
        static final HeadersSeen NONE = new HeadersSeen(-1, 0);
    }

    HeaderDeadline(ClientLimits limits, Scheduler scheduler) {
        this.limits = limits;
        this.scheduler = scheduler;
    }

    @Override
    public void onOpened(Connection connection) {
        if (connection instanceof HttpConnection http) {
            open.put(http, HeadersSeen.NONE);
        }
    }

    @Override
    public void onClosed(Connection connection) {
        open.remove(connection);
    }

    @Override
    protected void doStart() {
        scheduleSweep();
    }

    @Override
    protected void doStop() {
        Scheduler.Task task = sweep;
        if (task != null) {
            task.cancel();
        }
    }

    private void scheduleSweep() {
        sweep = scheduler.schedule(() -> {
            closeLate(System.nanoTime());
            if (isRunning()) {
                scheduleSweep();
            }
        }, limits.checkInterval().toNanos(), TimeUnit.NANOSECONDS);
    }

    private void closeLate(long now) {
        open.replaceAll((connection, seen) -> {
            HttpParser parser = connection.getParser();
            if (parser.isStart() || !parser.inHeaderState()) {
                return HeadersSeen.NONE;
            }
            long request = connection.getMessagesIn();
            if (seen.messagesIn() != request) {
                return new HeadersSeen(request, now);
            }
            if (now - seen.sinceNanos() > limits.headers().toNanos()) {
                connection.getEndPoint().close();
            }
            return seen;
        });
    }
}
