package dev.lenslet.server.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.resource.Resource;
import org.eclipse.jetty.util.resource.ResourceFactory;

/**
 * The page and its files from the classpath folder {@value #WEB_ROOT}: ETags, no directory listings, and a
 * Cache-Control chosen per file by {@link CacheControl#forStaticPath}.
 */
public final class StaticFilesHandler extends Handler.Wrapper {
    public static final String WEB_ROOT = "web";

    StaticFilesHandler(Resource webRoot) {
        ResourceHandler files = new ResourceHandler();
        files.setBaseResource(webRoot);
        files.setDirAllowed(false);
        files.setWelcomeFiles("index.html");
        files.setEtags(true);
        setHandler(files);
    }

    /**
     * Every {@value #WEB_ROOT} folder on the classpath, overlaid: during development they are separate
     * directories and jars (this module's static files, the webapp jar's worker and TeaVM builds); in the
     * shaded jar they are one folder. Jar folders are mounted through {@code factory}, which unmounts them when
     * it stops.
     */
    static Resource classpathWebRoot(ResourceFactory factory) {
        List<Resource> roots = new ArrayList<>();
        try {
            for (URL url : Collections.list(StaticFilesHandler.class.getClassLoader().getResources(WEB_ROOT))) {
                roots.add(factory.newResource(url));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the classpath folders " + WEB_ROOT + "/", e);
        }
        if (roots.isEmpty()) {
            throw new IllegalStateException("no " + WEB_ROOT + "/ folder on the classpath: the jar was built"
                    + " without the web page; rebuild it with mvn package");
        }
        return ResourceFactory.combine(roots);
    }

    /**
     * Adds what Jetty's defaults lack (the web app manifest) and pins the types the browser insists on. They go
     * on the context, where the file server and the compression handler both look them up.
     */
    static void addMimeTypes(MimeTypes.Mutable types) {
        types.addMimeMapping("wasm", "application/wasm"); // WebAssembly.compileStreaming requires it
        types.addMimeMapping("js", "text/javascript");    // module scripts and workers refuse other types
        types.addMimeMapping("mjs", "text/javascript");
        types.addMimeMapping("webmanifest", "application/manifest+json");
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = request.getHttpURI().getCanonicalPath();
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, CacheControl.forStaticPath(path));
        if (super.handle(request, response, callback)) {
            return true;
        }
        // Not a file: the 404 that follows must not be cached as if it were one.
        response.getHeaders().remove(HttpHeader.CACHE_CONTROL);
        return false;
    }
}
