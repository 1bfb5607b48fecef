package dev.lenslet.server.http;

import dev.lenslet.server.inference.TaughtHead;
import dev.lenslet.server.model.ModelShards;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code GET /healthz}: the server is up and serving this model (the model is loaded before the port opens),
 * which taught head the classify API answers with ({@code "head": {"file", "classes"}}, or null for ImageNet's),
 * and how busy the image endpoints are now ({@code "images"}: {@link ImageLoad}).
 */
final class HealthHandler extends Handler.Abstract.NonBlocking {
    static final String PATH = "/healthz";
    private final Map<String, Object> status = new LinkedHashMap<>();
    private final ClassifyHandler images;

    /** @param head the taught head, or null when the API answers with ImageNet's classes */
    HealthHandler(ModelShards.ModelInfo model, TaughtHead head, ClassifyHandler images) {
        this.images = images;
        status.put("status", "ok");
        status.put("model", model);
        status.put("head", head == null ? null : Map.of("file", head.fileName(), "classes", head.classNames()));
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        Map<String, Object> now = new LinkedHashMap<>(status);
        now.put("images", images.load());
        JsonResponses.send(response, callback, HttpStatus.OK_200, now);
        return true;
    }
}
