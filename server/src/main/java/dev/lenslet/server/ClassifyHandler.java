package dev.lenslet.server;

import dev.lenslet.core.Pixels;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * {@code POST /api/classify[?top=K][&crop=center|none]}: classifies the uploaded image on the JVM and answers
 * with the same JSON object as {@code lenslet classify --json} prints per file. Blocking: it reads the upload,
 * decodes it and waits for a free Classifier on the request's own thread.
 */
final class ClassifyHandler extends Handler.Abstract {
    static final String PATH = "/api/classify";
    private static final int DEFAULT_TOP = 5;
    private static final int MAX_TOP = 1000;
    private static final String RETRY_AFTER_SECONDS = "1";

    private final ClassifierPool classifiers;
    private final int maxUploadBytes;

    ClassifyHandler(ClassifierPool classifiers, int maxUploadBytes) {
        this.classifiers = classifiers;
        this.maxUploadBytes = maxUploadBytes;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        try {
            Fields query = Request.extractQueryParameters(request);
            int top = top(query.getValue("top"));
            ClassifyCommand.CropMode crop = crop(query.getValue("crop"));
            ImageUpload upload = ImageUpload.read(request, maxUploadBytes);
            Pixels pixels = decode(upload.bytes());
            Optional<Outcome.Classified> outcome = classifiers.withClassifier(
                    classifier -> Outcome.Classified.run(upload.fileName(), classifier, pixels, crop.crop, top));
            if (outcome.isEmpty()) {
                response.getHeaders().put(HttpHeader.RETRY_AFTER, RETRY_AFTER_SECONDS);
                throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE_503, "the server is busy classifying other"
                        + " images; try again in a moment");
            }
            JsonResponses.send(response, callback, HttpStatus.OK_200, ResultJson.toJson(outcome.get()));
        } catch (ApiException e) {
            // The upload may be partly unread (refused on its headers alone); Jetty then drops the connection,
            // and saying so up front stops the client from sending its next request down it.
            response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
            JsonResponses.sendError(response, callback, e.status(), e.getMessage());
        }
        return true;
    }

    private static int top(String value) throws ApiException {
        if (value == null) {
            return DEFAULT_TOP;
        }
        try {
            int top = Integer.parseInt(value.trim());
            if (top >= 1 && top <= MAX_TOP) {
                return top;
            }
        } catch (NumberFormatException e) {
            // Answered below, as for a number out of range.
        }
        throw new ApiException(HttpStatus.BAD_REQUEST_400, "top must be a whole number from 1 to " + MAX_TOP
                + ", not '" + value + "'");
    }

    private static ClassifyCommand.CropMode crop(String value) throws ApiException {
        if (value == null) {
            return ClassifyCommand.CropMode.none;
        }
        try {
            return ClassifyCommand.CropMode.valueOf(value.trim().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST_400, "crop must be center (classify the central square)"
                    + " or none (squash the whole image), not '" + value + "'");
        }
    }

    /** Bytes no image reader recognises are the wrong type (415); a recognised but broken image is a 400. */
    private static Pixels decode(byte[] image) throws ApiException {
        if (!ImageDecoder.isImage(image)) {
            throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE_415, "the body is not a JPEG, PNG, BMP or GIF"
                    + " image, whatever its Content-Type says; send the image file itself");
        }
        try {
            return ImageDecoder.decode(image);
        } catch (UnreadableImageException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST_400, e.getMessage());
        }
    }
}
