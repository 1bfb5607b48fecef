package dev.lenslet.server.http;

import dev.lenslet.core.image.Crop;
import dev.lenslet.server.image.DecodeLimits;
import dev.lenslet.server.image.DecodedImage;
import dev.lenslet.server.image.ImageDecoder;
import dev.lenslet.server.image.MemoryBudget;
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
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * {@code POST /api/classify[?top=K][&crop=center|none][&head=none][&saliency=1]}: classifies the uploaded image
 * on the JVM (among the served head's classes if there is one, unless head=none asks for ImageNet's) and answers
 * with the same JSON object as {@code lenslet classify --json [--saliency]} prints per file. Other endpoints that
 * take an image ({@link EmbedHandler}) go through {@link #answer}, under the same upload rules and admissions.
 *
 * <p>A request is refused at once, with Connection: close and without reading its body, when its headers are
 * wrong (413, 415, 400) or when {@link ClientLimits#uploadsInProgress()} uploads are already arriving (503). The
 * body is then read without holding a thread ({@link UploadBody}). Only once it has fully arrived does the request
 * ask for one of the {@value #ADMITTED_PER_CLASSIFIER} admissions per classifier; beyond them it gets 503 with
 * Retry-After. An admitted request decodes (within the {@link DecodeLimits}, stopped if the client goes away) and
 * waits for a free Classifier on its own thread.
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
    private final int admittedLimit;
    private final Semaphore uploads;
    private final int maxUploadBytes;
    private final ClientLimits clients;
    private final DecodeLimits decodeLimits;
    /** What a request is answered with unless it asks for ImageNet's classes: those or a taught head's. */
    private final TopClasses classes;

    ClassifyHandler(ClassifierPool classifiers, ServerConfig config, TopClasses classes) {
        this.classifiers = classifiers;
        this.classes = classes;
        this.admittedLimit = ADMITTED_PER_CLASSIFIER * config.classifiers();
        this.admitted = new Semaphore(admittedLimit);
        this.uploads = new Semaphore(config.clients().uploadsInProgress());
        this.maxUploadBytes = config.maxUploadBytes();
        this.clients = config.clients();
        this.decodeLimits = new DecodeLimits(config.maxPixels(), config.clients().decode(), MemoryBudget.SHARED,
                config.maxInferenceWait());
    }

    /** How many uploads are arriving and how many images are being worked on, now. */
    ImageLoad load() {
        int arrivingLimit = clients.uploadsInProgress();
        return new ImageLoad(arrivingLimit - uploads.availablePermits(), arrivingLimit,
                admittedLimit - admitted.availablePermits(), admittedLimit);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
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
     * Reads the upload within the limits, then admits it, decodes it, runs {@code work}'s task with a free
     * Classifier and answers with the outcome's JSON, or with the error.
     */
    boolean answer(Request request, Response response, Callback callback, ImageWork work) {
        ImageTask task;
        try {
            task = work.task(Request.extractQueryParameters(request));
            ImageUpload.checkHeaders(request, maxUploadBytes);
        } catch (ApiException e) {
            refuseUnread(response, callback, e);
            return true;
        }
        if (!uploads.tryAcquire()) {
            refuseUnread(response, callback, busy(response, "too many uploads are arriving"));
            return true;
        }
        UploadBody.read(request, maxUploadBytes, clients).whenComplete((body, failure) -> {
            uploads.release();
            if (failure instanceof ApiException refused) {
                refuseUnread(response, callback, refused);
            } else if (failure != null) {
                callback.failed(failure); // the connection failed: there is no one to answer
            } else {
                run(request, response, callback, body, task);
            }
        });
        return true;
    }

    /**
     * Runs the task on a body that has fully arrived, if an admission is free; blocks while it decodes and runs.
     * Work stops when the client goes: the decode as soon as it is seen, and nothing is classified after it.
     */
    private void run(Request request, Response response, Callback callback, byte[] body, ImageTask task) {
        try {
            if (!admitted.tryAcquire()) {
                throw busy(response, "the server is busy classifying other images");
            }
            try (ClientPresence clientGone = ClientPresence.watch(request)) {
                ImageUpload upload = ImageUpload.of(request, body, maxUploadBytes);
                try (DecodedImage image = decode(upload.bytes(), clientGone, response)) {
                    if (clientGone.getAsBoolean()) {
                        callback.failed(new EofException("the client closed the connection"));
                        return;
                    }
                    Optional<Outcome> outcome = classifiers.withClassifier(
                            classifier -> task.run(upload.fileName(), classifier, image.pixels()));
                    if (outcome.isEmpty()) {
                        throw busy(response, "the server is busy classifying other images");
                    }
                    JsonResponses.send(response, callback, HttpStatus.OK_200, ResultJson.toJson(outcome.get()));
                }
            } finally {
                admitted.release();
            }
        } catch (ApiException e) {
            JsonResponses.sendError(response, callback, e.status(), e.getMessage());
        } catch (UnreadableImageException.Abandoned e) {
            callback.failed(new EofException(e.getMessage())); // no one to answer, and nothing to log as a failure
        } catch (IOException | InterruptedException e) {
            callback.failed(e);
        }
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

    private static ApiException busy(Response response, String why) {
        response.getHeaders().put(HttpHeader.RETRY_AFTER, RETRY_AFTER_SECONDS);
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE_503, why + "; try again in a moment");
    }

    /**
     * Answers at once, closing the connection: the rest of the body is never read, so a client cannot keep a
     * refused request (and a thread) busy by sending it slowly.
     */
    private static void refuseUnread(Response response, Callback callback, ApiException e) {
        response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        JsonResponses.sendError(response, callback, e.status(), e.getMessage());
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
            // As MobileNetV2 was evaluated, and as the CLI and the page classify by default.
            return CropMode.center;
        }
        try {
            return CropMode.valueOf(value.trim().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST_400, "crop must be center (classify the central square)"
                    + " or none (squash the whole image), not '" + value + "'");
        }
    }

    /**
     * Bytes that are not a JPEG, PNG, BMP or GIF are the wrong type (415), whatever the Content-Type said; too
     * large to decode within the limits is 413; memory taken by other images is 503; a broken image is 400.
     */
    private DecodedImage decode(byte[] image, BooleanSupplier clientGone, Response response)
            throws ApiException, UnreadableImageException.Abandoned {
        try {
            return ImageDecoder.decode(image, decodeLimits, clientGone);
        } catch (UnreadableImageException.UnsupportedFormat e) {
            throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE_415, e.getMessage());
        } catch (UnreadableImageException.TooLarge e) {
            throw new ApiException(HttpStatus.PAYLOAD_TOO_LARGE_413, e.getMessage());
        } catch (UnreadableImageException.MemoryBusy e) {
            throw busy(response, e.getMessage());
        } catch (UnreadableImageException.Abandoned e) {
            throw e;
        } catch (UnreadableImageException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST_400, e.getMessage());
        }
    }
}
