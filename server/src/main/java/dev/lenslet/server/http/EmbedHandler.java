package dev.lenslet.server.http;

import dev.lenslet.core.image.Crop;
import dev.lenslet.server.inference.Outcome;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code POST /api/embed[?crop=center|none]}: answers with the uploaded image's embedding, the same JSON object as
 * {@code lenslet embed --json} prints per file. Uploads are read, limited and admitted exactly as for
 * {@link ClassifyHandler}, through it, sharing its admission limit.
 */
final class EmbedHandler extends Handler.Abstract {
    static final String PATH = "/api/embed";
    private final ClassifyHandler uploads;

    EmbedHandler(ClassifyHandler uploads) {
        this.uploads = uploads;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        return uploads.answer(request, response, callback, query -> {
            Crop crop = ClassifyQuery.crop(query.getValue("crop")).crop;
            return (file, classifier, pixels) -> Outcome.Embedded.run(file, classifier, pixels, crop);
        });
    }
}
