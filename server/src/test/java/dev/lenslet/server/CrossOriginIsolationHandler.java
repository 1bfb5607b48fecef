package dev.lenslet.server;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Makes the page cross-origin isolated, which is what lets it call performance.measureUserAgentSpecificMemory()
 * (heap sizes of the page and of each of its workers). Lenslet loads nothing from other origins, so the page
 * works the same under these headers. Wrap the server's handler with {@link #setHandler}.
 */
final class CrossOriginIsolationHandler extends Handler.Wrapper {
    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        response.getHeaders().put("Cross-Origin-Opener-Policy", "same-origin");
        response.getHeaders().put("Cross-Origin-Embedder-Policy", "require-corp");
        return super.handle(request, response, callback);
    }
}
