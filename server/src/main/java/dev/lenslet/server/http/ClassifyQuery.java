package dev.lenslet.server.http;

import dev.lenslet.core.image.Crop;
import dev.lenslet.server.inference.CropMode;
import dev.lenslet.server.inference.ImageTask;
import dev.lenslet.server.inference.Outcome;
import dev.lenslet.server.inference.TopClasses;
import java.util.Locale;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.util.Fields;

/**
 * The query of {@code POST /api/classify} ({@code ?top=K&crop=center|none&head=none&saliency=1}) read into the
 * task to run on the image; a bad parameter is a 400 saying what it may be, before the upload is read.
 */
final class ClassifyQuery {
    private static final int DEFAULT_TOP = 5;
    private static final int MAX_TOP = 1000;

    private ClassifyQuery() {
    }

    /**
     * {@code top}, {@code crop}, {@code head=none} for ImageNet's classes, {@code saliency=1} for the map.
     *
     * @param served the classes answered unless the query asks for ImageNet's: those or a taught head's
     */
    static ImageTask task(Fields query, TopClasses served) throws ApiException {
        int top = top(query.getValue("top"));
        Crop crop = crop(query.getValue("crop")).crop;
        TopClasses answered = classes(query.getValue("head"), served);
        if (!flag("saliency", query.getValue("saliency"))) {
            return (file, classifier, pixels) -> Outcome.Classified.run(file, classifier, pixels, crop, top, answered);
        }
        if (answered != TopClasses.IMAGENET) {
            throw new ApiException(HttpStatus.BAD_REQUEST_400, "saliency maps ImageNet's classes, not the taught"
                    + " head's; add head=none to the query");
        }
        return (file, classifier, pixels) -> Outcome.Explained.run(file, classifier, pixels, crop, top);
    }

    private static TopClasses classes(String head, TopClasses served) throws ApiException {
        if (head == null) {
            return served;
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

    /** {@code crop}: center unless the query says none. */
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
}
