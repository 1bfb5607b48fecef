package dev.lenslet.server.http;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Puts the browser-hardening headers on every response, before anything else handles the request, so that even
 * a 404 or an API error carries them. {@link JsonErrorHandler} adds them too, for errors Jetty raises itself.
 */
final class SecurityHeadersHandler extends Handler.Wrapper {
    /**
     * Only this origin's files run. 'wasm-unsafe-eval' lets the worker compile the WebAssembly build (it allows
     * no JavaScript eval); blob: and mediastream: carry camera frames and chosen photos; nothing may frame the page.
     */
    static final String CONTENT_SECURITY_POLICY = policy("script-src 'self' 'wasm-unsafe-eval'");
    /** The classifier worker's script, served from the webapp jar. */
    static final String WORKER_PATH = "/worker.js";
    /**
     * For {@link #WORKER_PATH} only: TeaVM's WebAssembly GC runtime builds its JavaScript glue with
     * {@code new Function}, which needs 'unsafe-eval'. A worker runs under the policy of its own script's response,
     * so the page and everything else keep the strict one; the worker has no DOM to inject into.
     */
    static final String WORKER_CONTENT_SECURITY_POLICY = policy("script-src 'self' 'wasm-unsafe-eval' 'unsafe-eval'");

    SecurityHeadersHandler(Handler handler) {
        super(handler);
    }

    private static String policy(String scriptSources) {
        return String.join("; ",
                "default-src 'self'",
                scriptSources,
                "worker-src 'self'",
                "img-src 'self' blob: data:",
                "media-src 'self' blob: mediastream:",
                "connect-src 'self'",
                "style-src 'self'",
                "object-src 'none'",
                "base-uri 'none'",
                "frame-ancestors 'none'",
                "form-action 'self'");
    }

    /**
     * The headers for a response to {@code request}: the worker's policy for {@link #WORKER_PATH}, the strict one
     * for everything else. By path, not by who answers: Jetty's error handler also answers for the worker's script
     * (a 304 Not Modified, for one), and a worker revalidated under the strict policy cannot start its Wasm build.
     */
    static void addTo(Request request, HttpFields.Mutable headers) {
        boolean worker = WORKER_PATH.equals(request.getHttpURI().getCanonicalPath());
        headers.put("Content-Security-Policy", worker ? WORKER_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY);
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Referrer-Policy", "no-referrer");
        // Cross-origin isolated: no other site's window shares the page's process, and no other origin's resource
        // can be embedded (Lenslet loads none), which also opens performance.measureUserAgentSpecificMemory().
        headers.put("Cross-Origin-Opener-Policy", "same-origin");
        headers.put("Cross-Origin-Embedder-Policy", "require-corp");
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        addTo(request, response.getHeaders());
        return super.handle(request, response, callback);
    }
}
