package dev.lenslet.server.http;

import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Answers 405 with an Allow header to any method its route does not take, before the route sees the request. */
final class AllowedMethodsHandler extends Handler.Wrapper {
    private final Set<String> allowed;
    private final String allowHeader;

    AllowedMethodsHandler(Handler handler, String... methods) {
        super(handler);
        this.allowed = Set.of(methods);
        this.allowHeader = String.join(", ", methods);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (allowed.contains(request.getMethod())) {
            return super.handle(request, response, callback);
        }
        response.getHeaders().put(HttpHeader.ALLOW, allowHeader);
        // The full path: under a path mapping, the path in context is relative to the mapping.
        JsonResponses.sendError(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, request.getMethod() + " "
                + request.getHttpURI().getCanonicalPath() + " is not supported; use "
                + allowHeader.replace(", ", " or "));
        return true;
    }
}
