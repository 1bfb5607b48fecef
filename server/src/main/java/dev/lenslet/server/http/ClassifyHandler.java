package dev.lenslet.server.http;

import dev.lenslet.server.image.DecodeLimits;
import dev.lenslet.server.image.DecodedImage;
import dev.lenslet.server.image.ImageDecoder;
import dev.lenslet.server.image.MemoryBudget;
import dev.lenslet.server.image.UnreadableImageException;
import dev.lenslet.server.inference.ClassifierPool;
import dev.lenslet.server.inference.ImageTask;
import dev.lenslet.server.inference.Outcome;
import dev.lenslet.server.inference.ResultJson;
import dev.lenslet.server.inference.TopClasses;
import java.io.IOException;
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
 * wrong (413, 415, 400), when {@link ClientLimits#uploadsInProgress()} uploads are already arriving (503), or when
 * the memory its body needs is held by other images (503) or is more than they may ever hold (413). The body is
 * then read without holding a thread ({@link UploadBody}). Only once it has fully arrived does the request
 * ask for one of the {@value #ADMITTED_PER_CLASSIFIER} admissions per classifier; beyond them it gets 503 with
 * Retry-After. An admitted request decodes (within the {@link DecodeLimits}, stopped if the client goes away) and
 * waits for a free Classifier on its own thread.
 */
public final class ClassifyHandler extends Handler.Abstract {
    public static final String PATH = "/api/classify";
    /** One being classified and one decoded and waiting, so a classifier never idles between requests. */
    static final int ADMITTED_PER_CLASSIFIER = 2;
    private static final String RETRY_AFTER_SECONDS = "1";
    private static final String BUSY_CLASSIFYING = "the server is busy classifying other images";

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
        this.decodeLimits = new DecodeLimits(config.maxPixels(), config.clients().decode(), MemoryBudget.forDecoded(),
                config.maxInferenceWait());
    }

    /** How many uploads are arriving and how many images are being worked on, now. */
    ImageLoad load() {
        int arrivingLimit = clients.uploadsInProgress();
        MemoryBudget encoded = MemoryBudget.forEncoded();
        MemoryBudget decoded = decodeLimits.memory();
        return new ImageLoad(arrivingLimit - uploads.availablePermits(), arrivingLimit,
                admittedLimit - admitted.availablePermits(), admittedLimit,
                encoded.availableBytes() + decoded.availableBytes(), encoded.totalBytes() + decoded.totalBytes());
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        return answer(request, response, callback, query -> ClassifyQuery.task(query, classes));
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
        int copies = ImageUpload.isForm(request) ? ImageUpload.FORM_COPIES : 1;
        try {
            UploadBody.read(request, maxUploadBytes, copies, clients, MemoryBudget.forEncoded())
                    .whenComplete((body, failure) -> uploaded(request, response, callback, task, body, failure));
        } catch (RuntimeException | Error e) {
            uploads.release(); // or the cap would count this upload for as long as the server runs
            throw e;
        }
        return true;
    }

    /** After the upload: its refusal, nothing if the connection failed, else the task on the whole body. */
    private void uploaded(Request request, Response response, Callback callback, ImageTask task, UploadBuffer body,
            Throwable failure) {
        uploads.release();
        if (failure instanceof ApiException refused) {
            refuseUnread(response, callback, refused);
        } else if (failure != null) {
            callback.failed(failure); // the connection failed: there is no one to answer
        } else {
            respond(request, response, callback, body, task);
        }
    }

    /**
     * Answers with the task's outcome on a body that has fully arrived, or with why there is none. The admission
     * and the memory are given back first, so a client that has its answer finds the server idle.
     */
    private void respond(Request request, Response response, Callback callback, UploadBuffer body, ImageTask task) {
        Outcome outcome;
        try (body) {
            outcome = outcome(request, response, body.bytes(), task);
        } catch (ApiException e) {
            JsonResponses.sendError(response, callback, e.status(), e.getMessage());
            return;
        } catch (IOException | InterruptedException | RuntimeException e) {
            // An EofException when the client has gone, which Jetty logs quietly; anything else is a 500. Nothing
            // may escape: this runs in the upload future's completion, which would swallow it, unanswered.
            callback.failed(e);
            return;
        }
        JsonResponses.send(response, callback, HttpStatus.OK_200, ResultJson.toJson(outcome));
    }

    /**
     * Runs the task on the body, if an admission is free; blocks while it decodes and runs. Work stops when the
     * client goes: the decode as soon as it is seen, and nothing is classified after it.
     */
    private Outcome outcome(Request request, Response response, byte[] body, ImageTask task)
            throws ApiException, IOException, InterruptedException {
        if (!admitted.tryAcquire()) {
            throw busy(response, BUSY_CLASSIFYING);
        }
        try (ClientPresence clientGone = ClientPresence.watch(request)) {
            ImageUpload upload = ImageUpload.of(request, body, maxUploadBytes);
            try (DecodedImage image = decode(upload.bytes(), clientGone, response)) {
                if (clientGone.getAsBoolean()) {
                    throw new EofException("the client closed the connection");
                }
                return classifiers.withClassifier(classifier -> task.run(upload.fileName(), classifier,
                        image.pixels())).orElseThrow(() -> busy(response, BUSY_CLASSIFYING));
            }
        } finally {
            admitted.release();
        }
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
        if (e.status() == HttpStatus.SERVICE_UNAVAILABLE_503) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, RETRY_AFTER_SECONDS);
        }
        response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        JsonResponses.sendError(response, callback, e.status(), e.getMessage());
    }

    /**
     * Bytes that are not a JPEG, PNG, BMP or GIF are the wrong type (415), whatever the Content-Type said; too
     * large to decode within the limits is 413; memory taken by other images is 503; a broken image is 400.
     */
    private DecodedImage decode(byte[] image, BooleanSupplier clientGone, Response response)
            throws ApiException, EofException {
        try {
            return ImageDecoder.decode(image, decodeLimits, clientGone);
        } catch (UnreadableImageException.UnsupportedFormat e) {
            throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE_415, e.getMessage());
        } catch (UnreadableImageException.TooLarge e) {
            throw new ApiException(HttpStatus.PAYLOAD_TOO_LARGE_413, e.getMessage());
        } catch (UnreadableImageException.MemoryBusy e) {
            throw busy(response, e.getMessage());
        } catch (UnreadableImageException.Abandoned e) {
            throw new EofException(e.getMessage());
        } catch (UnreadableImageException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST_400, e.getMessage());
        }
    }
}
