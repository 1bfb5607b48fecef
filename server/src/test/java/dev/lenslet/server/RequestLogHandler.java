package dev.lenslet.server;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Records the URL of every request before passing it on to the handler given with {@link #setHandler}: for tests
 * that check what the browser asked for, and of which host (one server answers both 127.0.0.1 and localhost, which
 * a browser takes for two sites).
 */
final class RequestLogHandler extends Handler.Wrapper {
    private final List<String> urls = new CopyOnWriteArrayList<>();

    /** The URLs requested so far, e.g. {@code http://localhost:8080/model/manifest.json}. */
    List<String> urls() {
        return List.copyOf(urls);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        urls.add(request.getHttpURI().asString());
        return super.handle(request, response, callback);
    }
}
