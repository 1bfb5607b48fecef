package dev.lenslet.webapp.page;

import org.teavm.jso.JSBody;
import org.teavm.jso.canvas.CanvasImageSource;
import org.teavm.jso.canvas.CanvasRenderingContext2D;
import org.teavm.jso.canvas.ImageData;
import org.teavm.jso.dom.html.HTMLCanvasElement;

/**
 * Turns an image or a video frame into RGBA pixels through one reused, off-screen canvas, scaled down first: the
 * classifier shrinks them to 224×224 anyway, and smaller frames are quicker to draw, to copy, to hand to the
 * worker and to preprocess there.
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

    /** Images larger than {@code maxSide} are scaled down to fit it, keeping their shape: for any crop. */
    public static FrameGrabber fitting(int maxSide) {
        return new FrameGrabber(maxSide, false);
    }

    /**
     * Every image is squashed to {@code side} × {@code side}: what the classifier's squash crop does with the whole
     * image anyway, so with {@code side} the model's input size the worker gets its input as it is.
     */
    public static FrameGrabber squashing(int side) {
        return new FrameGrabber(side, true);
    }

    /** The image's pixels, scaled as this grabber does, in a fresh buffer the caller owns. */
    RgbaFrame grab(CanvasImageSource image, int width, int height) {
        double scale = Math.min(1.0, (double) maxSide / Math.max(width, height));
        int scaledWidth = squash ? maxSide : Math.max(1, (int) Math.round(width * scale));
        int scaledHeight = squash ? maxSide : Math.max(1, (int) Math.round(height * scale));
        if (canvas.getWidth() != scaledWidth || canvas.getHeight() != scaledHeight) {
            // Resizing resets the context's state, so set it up again.
            canvas.setWidth(scaledWidth);
            canvas.setHeight(scaledHeight);
            useSmoothScaling(context);
        }
        // Transparent parts of an image show as white, as on the page, rather than as the black of empty pixels.
        context.setFillStyle("#fff");
        context.fillRect(0, 0, scaledWidth, scaledHeight);
        context.drawImage(image, 0, 0, scaledWidth, scaledHeight);
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
