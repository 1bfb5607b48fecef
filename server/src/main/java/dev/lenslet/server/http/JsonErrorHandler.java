package dev.lenslet.server.http;

import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The body of every error Jetty raises itself (unknown path, directory, malformed or ambiguous URI, a handler that
 * failed): the same JSON shape as the API's own errors, with the security headers, and never a stack trace or an
 * exception's text, which could reveal the server's internals.
 */
final class JsonErrorHandler implements Request.Handler {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus();
        String reason = (String) request.getAttribute(ErrorHandler.ERROR_MESSAGE);
        if (request.getAttribute(ErrorHandler.ERROR_EXCEPTION) instanceof HttpException failure) {
            status = failure.getCode();
            reason = failure.getReason();
        }
        SecurityHeadersHandler.addTo(request, response.getHeaders());
        if (status == HttpStatus.NOT_MODIFIED_304) {
            // Jetty's file server answers a revalidation here too; a 304 renews the cached 200, whose caching
            // (immutable or revalidate) it must repeat rather than replace with no-store.
            response.getHeaders().put(HttpHeader.CACHE_CONTROL,
                    CacheControl.forStaticPath(request.getHttpURI().getCanonicalPath()));
        } else {
            response.getHeaders().put(ErrorHandler.ERROR_CACHE_CONTROL);
        }
        if (HttpStatus.hasNoBody(status) || HttpMethod.HEAD.is(request.getMethod())) {
            response.setStatus(status);
            callback.succeeded();
        } else {
            JsonResponses.sendError(response, callback, status, describe(status, reason, request));
        }
        return true;
    }

    private static String describe(int status, String reason, Request request) {
        String path = request.getHttpURI().getPath();
        return switch (status) {
            case HttpStatus.NOT_FOUND_404 -> "nothing is served at " + path + "; the app is at /";
            case HttpStatus.FORBIDDEN_403 -> path + " is a folder, and folders are not listed; ask for a file in it";
            case HttpStatus.BAD_REQUEST_400 -> "malformed request" + (reason == null ? "" : " (" + reason + ")")
                    + "; check the URL";
            default -> status >= 500
                    ? "the server failed (HTTP " + status + "); the server's log has the details"
                    : "HTTP " + status + " " + HttpStatus.getMessage(status);
        };
    }
}
