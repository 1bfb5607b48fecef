package dev.lenslet.server.http;

import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Refuses URLs whose path has {@code .} or {@code ..} segments. Jetty already resolves them safely (never above
 * the root) and rejects encoded ones as ambiguous, but browsers remove dot segments before sending, so a request
 * that still has them is a probe: answering 400 instead of, say, serving {@code /web/../} as {@code /} keeps
 * every file at exactly one URL.
 */
final class DotSegmentsHandler extends Handler.Wrapper {
    DotSegmentsHandler(Handler handler) {
        super(handler);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (hasDotSegment(request.getHttpURI().getPath())) {
            SecurityHeadersHandler.addTo(request, response.getHeaders());
            JsonResponses.sendError(response, callback, HttpStatus.BAD_REQUEST_400, "the URL path contains . or .."
                    + " segments; ask for the file by its own path, e.g. /index.html");
            return true;
        }
        return super.handle(request, response, callback);
    }

    static boolean hasDotSegment(String rawPath) {
        for (String segment : rawPath.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return true;
            }
        }
        return false;
    }
}
