package dev.lenslet.server.http;

import dev.lenslet.core.image.Crop;
import dev.lenslet.core.image.Pixels;
import dev.lenslet.server.image.ImageDecoder;
import dev.lenslet.server.image.ImageFormats;
import dev.lenslet.server.image.UnreadableImageException;
import dev.lenslet.server.inference.ClassifierPool;
import dev.lenslet.server.inference.CropMode;
import dev.lenslet.server.inference.ImageTask;
import dev.lenslet.server.inference.Outcome;
import dev.lenslet.server.inference.ResultJson;
import dev.lenslet.server.inference.TopClasses;
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
 * {@code POST /api/classify[?top=K][&crop=center|none][&head=none][&saliency=1]}: classifies the uploaded image
 * on the JVM (among the served head's classes if there is one, unless head=none asks for ImageNet's) and answers
 * with the same JSON object as {@code lenslet classify --json [--saliency]} prints per file. Blocking: it reads the upload,
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
    /** What a request is answered with unless it asks for ImageNet's classes: those or a taught head's. */
    private final TopClasses classes;

    ClassifyHandler(ClassifierPool classifiers, int classifierCount, int maxUploadBytes, long maxPixels,
                    TopClasses classes) {
        this.classifiers = classifiers;
        this.classes = classes;
        this.admitted = new Semaphore(ADMITTED_PER_CLASSIFIER * classifierCount);
        this.maxUploadBytes = maxUploadBytes;
        this.maxPixels = maxPixels;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        return answer(request, response, callback, this::task);
    }

    /**
     * What an API endpoint does with an uploaded image, made from the query before the upload is read (so a bad
     * parameter is refused at once), then run with a free Classifier.
     */
    @FunctionalInterface
    interface ImageWork {
        ImageTask task(Fields query) throws ApiException;
    }

    /**
     * Admits the request, reads and decodes the upload, runs {@code work} with a free Classifier and answers with
     * the outcome's JSON, or with the error: every endpoint that takes an image goes through here, so all follow
     * the same upload rules and share one admission limit.
     */
    boolean answer(Request request, Response response, Callback callback, ImageWork work) throws Exception {
        try {
            if (!admitted.tryAcquire()) {
                throw busy(response);
            }
            try {
                JsonResponses.send(response, callback, HttpStatus.OK_200, ResultJson.toJson(run(request, response, work)));
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

    private Outcome run(Request request, Response response, ImageWork work)
            throws ApiException, IOException, InterruptedException {
        ImageTask task = work.task(Request.extractQueryParameters(request));
        ImageUpload upload = ImageUpload.read(request, maxUploadBytes);
        Pixels pixels = decode(upload.bytes(), maxPixels);
        Optional<Outcome> outcome = classifiers.withClassifier(
                classifier -> task.run(upload.fileName(), classifier, pixels));
        if (outcome.isEmpty()) {
            throw busy(response);
        }
        return outcome.get();
    }

    /** {@code top}, {@code crop}, {@code head=none} for ImageNet's classes, {@code saliency=1} for the map. */
    private ImageTask task(Fields query) throws ApiException {
        int top = top(query.getValue("top"));
        Crop crop = crop(query.getValue("crop")).crop;
        TopClasses answered = classes(query.getValue("head"));
        if (!flag("saliency", query.getValue("saliency"))) {
            return (file, classifier, pixels) -> Outcome.Classified.run(file, classifier, pixels, crop, top, answered);
        }
        if (answered != TopClasses.IMAGENET) {
            throw new ApiException(HttpStatus.BAD_REQUEST_400, "saliency maps ImageNet's classes, not the taught"
                    + " head's; add head=none to the query");
        }
        return (file, classifier, pixels) -> Outcome.Explained.run(file, classifier, pixels, crop, top);
    }

    private TopClasses classes(String head) throws ApiException {
        if (head == null) {
            return classes;
        }
        if (head.trim().equalsIgnoreCase("none")) {
            return TopClasses.IMAGENET;
        }
        throw new ApiException(HttpStatus.BAD_REQUEST_400, "head must be none (answer with ImageNet's classes),"
                + " or left out (the server's own), not '" + head + "'");
    }

    private static boolean flag(String name, String value) throws ApiException {
        if (value == null || value.equals("0") || value.equalsIgnoreCase("false")) {
            return false;
        }
        if (value.equals("1") || value.equalsIgnoreCase("true")) {
            return true;
        }
        throw new ApiException(HttpStatus.BAD_REQUEST_400, name + " must be 1 or 0, not '" + value + "'");
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

    static CropMode crop(String value) throws ApiException {
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
