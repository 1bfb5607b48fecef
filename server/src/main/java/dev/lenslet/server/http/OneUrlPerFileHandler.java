package dev.lenslet.server.http;

import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Keeps every file at exactly one URL: refuses with 400 paths with {@code .} or {@code ..} segments, or with
 * parameters ({@code /index.html;x}). Jetty already resolves dot segments safely (never above the root) and
 * rejects encoded ones as ambiguous, and it drops parameters when it looks a file up, but browsers remove dot
 * segments before sending and nothing here links with parameters, so a request that has them is a probe. 400,
 * not 404: the file exists, the URL form is what is refused, and the answer says which form to use instead of
 * serving {@code /web/../} as {@code /} or the page under a second URL.
 */
final class OneUrlPerFileHandler extends Handler.Wrapper {
    OneUrlPerFileHandler(Handler handler) {
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
        if (request.getHttpURI().getPath().indexOf(';') >= 0) {
            SecurityHeadersHandler.addTo(request, response.getHeaders());
            JsonResponses.sendError(response, callback, HttpStatus.BAD_REQUEST_400, "the URL path has ;parameters,"
                    + " which no file here takes; ask for the file by its own path, e.g. /index.html");
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
