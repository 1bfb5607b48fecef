package dev.lenslet.server.http;

import dev.lenslet.server.model.ModelShards;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Serves {@link ModelShards}: the manifest (revalidated on every use) and the shards (immutable, their ETag is
 * their hash). Anything else under /model/ is left unhandled, so it becomes a 404.
 */
final class ModelShardsHandler extends Handler.Abstract.NonBlocking {
    private final ModelShards model;
    private final String manifestEtag;

    ModelShardsHandler(ModelShards model) {
        this.model = model;
        // The manifest is a function of the model file and the labels, both fixed while the server runs.
        this.manifestEtag = quote(ModelShards.sha256(model.manifestJson(), 0, model.manifestJson().length));
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        // The full path: the path in context is relative to the /model/* mapping.
        String path = request.getHttpURI().getCanonicalPath();
        if (path.equals(ModelShards.MANIFEST_PATH)) {
            send(request, response, callback, model.manifestJson(), JsonResponses.CONTENT_TYPE,
                    CacheControl.REVALIDATE, manifestEtag);
            return true;
        }
        ModelShards.Shard shard = model.shardAt(path);
        if (shard == null) {
            return false;
        }
        send(request, response, callback, shard.bytes(), "application/octet-stream", CacheControl.IMMUTABLE,
                quote(shard.sha256()));
        return true;
    }

    private static void send(Request request, Response response, Callback callback, byte[] body,
                             String contentType, String cacheControl, String etag) {
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, cacheControl);
        response.getHeaders().put(HttpHeader.ETAG, etag);
        if (etag.equals(request.getHeaders().get(HttpHeader.IF_NONE_MATCH))) {
            response.setStatus(HttpStatus.NOT_MODIFIED_304);
            callback.succeeded();
            return;
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    private static String quote(String hash) {
        return '"' + hash + '"';
    }
}
