package dev.lenslet.server;

import dev.lenslet.server.http.CacheControl;
import dev.lenslet.server.http.StaticFilesHandler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Plays the deployment of a new release: once {@link #release()} is called, /sw.js is served with different
 * bytes (the real file plus a comment), which is how a browser learns that an update is available. Wraps the
 * server's handler, given with {@link #setHandler}.
 */
final class NewServiceWorkerHandler extends Handler.Wrapper {
    private static final String SERVICE_WORKER_PATH = "/sw.js";

    private final byte[] newServiceWorker;
    private volatile boolean released;

    NewServiceWorkerHandler() throws IOException {
        try (InputStream current = getClass().getClassLoader()
                .getResourceAsStream(StaticFilesHandler.WEB_ROOT + SERVICE_WORKER_PATH)) {
            if (current == null) {
                throw new IOException("no " + StaticFilesHandler.WEB_ROOT + SERVICE_WORKER_PATH + " on the classpath");
            }
            String changed = new String(current.readAllBytes(), StandardCharsets.UTF_8) + "\n// the next release\n";
            newServiceWorker = changed.getBytes(StandardCharsets.UTF_8);
        }
    }

    /** From now on /sw.js is the new release's. */
    void release() {
        released = true;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!released || !Request.getPathInContext(request).equals(SERVICE_WORKER_PATH)) {
            return super.handle(request, response, callback);
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/javascript");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, CacheControl.REVALIDATE);
        response.write(true, ByteBuffer.wrap(newServiceWorker), callback);
        return true;
    }
}
