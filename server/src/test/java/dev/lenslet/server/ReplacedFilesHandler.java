package dev.lenslet.server;

import java.nio.ByteBuffer;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Serves the files a test gives, byte for byte and never cached, in place of what the server's own handler (given
 * with {@link #setHandler}) has at those paths; every other path goes to the server. For model manifests and
 * shards damaged as a test likes, beside the real application.
 */
final class ReplacedFilesHandler extends Handler.Wrapper {
    private volatile Map<String, byte[]> files = Map.of();

    /** From now on, serves these files (by URL path) in place of the server's, and only these. */
    void serve(Map<String, byte[]> filesByPath) {
        files = Map.copyOf(filesByPath);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        byte[] file = files.get(path);
        if (file == null) {
            return super.handle(request, response, callback);
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType(path));
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        // As the server's own: a cross-origin isolated page starts only workers whose script says the same.
        response.getHeaders().put("Cross-Origin-Embedder-Policy", "require-corp");
        response.write(true, ByteBuffer.wrap(file), callback);
        return true;
    }

    private static String contentType(String path) {
        if (path.endsWith(".html")) {
            return "text/html;charset=utf-8";
        }
        if (path.endsWith(".js")) {
            return "text/javascript";
        }
        return path.endsWith(".json") ? "application/json" : "application/octet-stream";
    }
}
