package dev.lenslet.server.http;

import dev.lenslet.core.image.Pixels;
import dev.lenslet.server.image.ImageDecoder;
import dev.lenslet.server.image.ImageFormats;
import dev.lenslet.server.image.UnreadableImageException;
import dev.lenslet.server.inference.ClassifierPool;
import dev.lenslet.server.inference.CropMode;
import dev.lenslet.server.inference.Outcome;
import dev.lenslet.server.inference.ResultJson;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeoutException;
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
 *
 * <p>Admission control keeps the heap bounded whatever the number of clients: at most
 * {@value #ADMITTED_PER_CLASSIFIER} requests per classifier hold an upload and its decoded pixels at a time; any
 * more are answered 503 with Retry-After at once, before their body is read into memory.
 */
public final class ClassifyHandler extends Handler.Abstract {
    public static final String PATH = "/api/classify";
    /** One being classified and one decoded and waiting, so a classifier never idles between requests. */
    static final int ADMITTED_PER_CLASSIFIER = 2;
    private static final int DEFAULT_TOP = 5;
    private static final int MAX_TOP = 1000;
    private static final String RETRY_AFTER_SECONDS = "1";

    private final ClassifierPool classifiers;
    private final Semaphore admitted;
    private final int maxUploadBytes;
    private final long maxPixels;

    ClassifyHandler(ClassifierPool classifiers, int classifierCount, int maxUploadBytes, long maxPixels) {
        this.classifiers = classifiers;
        this.admitted = new Semaphore(ADMITTED_PER_CLASSIFIER * classifierCount);
        this.maxUploadBytes = maxUploadBytes;
        this.maxPixels = maxPixels;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        try {
            if (!admitted.tryAcquire()) {
                throw busy(response);
            }
            try {
                JsonResponses.send(response, callback, HttpStatus.OK_200, ResultJson.toJson(classify(request, response)));
            } finally {
                admitted.release();
            }
        } catch (ApiException e) {
            refuse(request, response, callback, e);
        } catch (IOException e) {
            if (!isTimeout(e)) {
                throw e; // the client went away: there is no one to answer
            }
            refuse(request, response, callback, new ApiException(HttpStatus.REQUEST_TIMEOUT_408, "the upload"
                    + " stopped arriving (nothing came for the server's idle timeout); send it again"));
        }
        return true;
    }

    private Outcome.Classified classify(Request request, Response response)
            throws ApiException, IOException, InterruptedException {
        Fields query = Request.extractQueryParameters(request);
        int top = top(query.getValue("top"));
        CropMode crop = crop(query.getValue("crop"));
        ImageUpload upload = ImageUpload.read(request, maxUploadBytes);
        Pixels pixels = decode(upload.bytes(), maxPixels);
        Optional<Outcome.Classified> outcome = classifiers.withClassifier(
                classifier -> Outcome.Classified.run(upload.fileName(), classifier, pixels, crop.crop, top));
        if (outcome.isEmpty()) {
            throw busy(response);
        }
        return outcome.get();
    }

    private static ApiException busy(Response response) {
        response.getHeaders().put(HttpHeader.RETRY_AFTER, RETRY_AFTER_SECONDS);
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE_503, "the server is busy classifying other"
                + " images; try again in a moment");
    }

    /**
     * Answers with the error. The body is read to its end first (up to the upload limit), so that the client,
     * still sending, is not reset and can read the answer; a longer or stalled body closes the connection.
     */
    private void refuse(Request request, Response response, Callback callback, ApiException e) {
        if (!ImageUpload.drain(request, maxUploadBytes)) {
            response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        }
        JsonResponses.sendError(response, callback, e.status(), e.getMessage());
    }

    /** Jetty fails a blocked read with a TimeoutException when the client sent nothing for the idle timeout. */
    private static boolean isTimeout(IOException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException) {
                return true;
            }
        }
        return false;
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

    private static CropMode crop(String value) throws ApiException {
        if (value == null) {
            return CropMode.none;
        }
        try {
            return CropMode.valueOf(value.trim().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST_400, "crop must be center (classify the central square)"
                    + " or none (squash the whole image), not '" + value + "'");
        }
    }

    /**
     * Bytes no image reader recognises are the wrong type (415), as is a format recognised but not decoded
     * (WebP, HEIC, ...); too many pixels is 413; a recognised but broken image is a 400.
     */
    private static Pixels decode(byte[] image, long maxPixels) throws ApiException {
        if (image.length > 0 && ImageFormats.unsupported(image) == null && !ImageDecoder.isImage(image)) {
            throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE_415, "the body is not a JPEG, PNG, BMP or GIF"
                    + " image, whatever its Content-Type says; send the image file itself");
        }
        try {
            return ImageDecoder.decode(image, maxPixels);
        } catch (UnreadableImageException.UnsupportedFormat e) {
            throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE_415, e.getMessage());
        } catch (UnreadableImageException.TooManyPixels e) {
            throw new ApiException(HttpStatus.PAYLOAD_TOO_LARGE_413, e.getMessage());
        } catch (UnreadableImageException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST_400, e.getMessage());
        }
    }
}
