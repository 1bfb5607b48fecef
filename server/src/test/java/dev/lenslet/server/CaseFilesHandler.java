package dev.lenslet.server;

import java.nio.ByteBuffer;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Serves whatever files a test puts under {@value #PREFIX}, byte for byte and never cached, in front of the
 * server's own handler (given with {@link #setHandler}), which answers every other path: a test's own model
 * manifests and shards, damaged as it likes, beside the real application.
 */
final class CaseFilesHandler extends Handler.Wrapper {
    static final String PREFIX = "/case/";

    private volatile Map<String, byte[]> files = Map.of();

    /** From now on, serves these files (by URL path, each under {@value #PREFIX}) and no others there. */
    void serve(Map<String, byte[]> filesByPath) {
        files = Map.copyOf(filesByPath);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        if (!path.startsWith(PREFIX)) {
            return super.handle(request, response, callback);
        }
        byte[] file = files.get(path);
        if (file == null) {
            Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
            return true;
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType(path));
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(file), callback);
        return true;
    }

    private static String contentType(String path) {
        if (path.endsWith(".html")) {
            return "text/html;charset=utf-8";
        }
        return path.endsWith(".json") ? "application/json" : "application/octet-stream";
    }
}
