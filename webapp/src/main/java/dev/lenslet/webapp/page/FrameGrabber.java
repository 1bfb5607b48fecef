package dev.lenslet.webapp.page;

import dev.lenslet.core.image.Region;
import org.teavm.jso.JSBody;
import org.teavm.jso.canvas.CanvasImageSource;
import org.teavm.jso.canvas.CanvasRenderingContext2D;
import org.teavm.jso.canvas.ImageData;
import org.teavm.jso.dom.html.HTMLCanvasElement;

/**
 * Turns a rectangle of an image or a video frame into RGBA pixels through one reused, off-screen canvas, scaled
 * down first: the classifier shrinks them to 224×224 anyway, and smaller frames are quicker to draw, to copy, to
 * hand to the worker and to preprocess there.
 */
public final class FrameGrabber {
    private final int maxSide;
    /** Whether images are squashed to maxSide × maxSide rather than scaled to fit it. */
    private final boolean squash;
    private final HTMLCanvasElement canvas = (HTMLCanvasElement) Dom.create("canvas", "");
    private final CanvasRenderingContext2D context = readableContext(canvas);

    private FrameGrabber(int maxSide, boolean squash) {
        this.maxSide = maxSide;
        this.squash = squash;
    }

    /** Rectangles larger than {@code maxSide} are scaled down to fit it, keeping their shape: for any crop. */
    public static FrameGrabber fitting(int maxSide) {
        return new FrameGrabber(maxSide, false);
    }

    /**
     * Every rectangle is squashed to {@code side} × {@code side}: what the classifier's squash crop does with it
     * anyway, so with {@code side} the model's input size the worker gets its input as it is.
     */
    public static FrameGrabber squashing(int side) {
        return new FrameGrabber(side, true);
    }

    /** The pixels of {@code source}, a rectangle of the image, scaled as this grabber does, in a fresh buffer. */
    RgbaFrame grab(CanvasImageSource image, Region source) {
        double scale = Math.min(1.0, maxSide / Math.max(source.width, source.height));
        int scaledWidth = squash ? maxSide : Math.max(1, (int) Math.round(source.width * scale));
        int scaledHeight = squash ? maxSide : Math.max(1, (int) Math.round(source.height * scale));
        if (canvas.getWidth() != scaledWidth || canvas.getHeight() != scaledHeight) {
            // Resizing resets the context's state, so set it up again.
            canvas.setWidth(scaledWidth);
            canvas.setHeight(scaledHeight);
            useSmoothScaling(context);
        }
        // Transparent parts of an image show as white, as on the page, rather than as the black of empty pixels.
        context.setFillStyle("#fff");
        context.fillRect(0, 0, scaledWidth, scaledHeight);
        context.drawImage(image, source.left, source.top, source.width, source.height, 0, 0, scaledWidth,
                scaledHeight);
        ImageData data = context.getImageData(0, 0, scaledWidth, scaledHeight);
        return new RgbaFrame(data.getData().getBuffer(), scaledWidth, scaledHeight);
    }

    /** willReadFrequently keeps the canvas in memory the CPU reads directly, so getImageData needs no GPU copy. */
    @JSBody(params = "canvas", script = "return canvas.getContext('2d', {willReadFrequently: true});")
    private static native CanvasRenderingContext2D readableContext(HTMLCanvasElement canvas);

    @JSBody(params = "context", script = "context.imageSmoothingEnabled = true;"
            + "context.imageSmoothingQuality = 'high';")
    private static native void useSmoothScaling(CanvasRenderingContext2D context);
}
