package dev.lenslet.webapp.page;

import org.teavm.jso.JSBody;
import org.teavm.jso.canvas.CanvasImageSource;
import org.teavm.jso.canvas.CanvasRenderingContext2D;
import org.teavm.jso.dom.html.HTMLCanvasElement;

/**
 * Small JPEG thumbnails of examples, as data URLs: the centre square of the image at {@value #SIDE}×{@value #SIDE}
 * pixels, a few kilobytes each, so that hundreds of examples fit in IndexedDB next to their embeddings.
 */
final class Thumbnail {
    static final int SIDE = 64;
    private static final double JPEG_QUALITY = 0.8;

    private final HTMLCanvasElement canvas = (HTMLCanvasElement) Dom.create("canvas", "");
    private final CanvasRenderingContext2D context;

    Thumbnail() {
        canvas.setWidth(SIDE);
        canvas.setHeight(SIDE);
        context = (CanvasRenderingContext2D) canvas.getContext("2d");
    }

    /** The centre square of the width × height image, scaled to SIDE × SIDE, as a JPEG data URL. */
    String of(CanvasImageSource image, int width, int height) {
        int side = Math.min(width, height);
        context.setFillStyle("#fff");
        context.fillRect(0, 0, SIDE, SIDE);
        context.drawImage(image, (width - side) / 2.0, (height - side) / 2.0, side, side, 0, 0, SIDE, SIDE);
        return jpegDataUrl(canvas, JPEG_QUALITY);
    }

    @JSBody(params = {"canvas", "quality"}, script = "return canvas.toDataURL('image/jpeg', quality);")
    private static native String jpegDataUrl(HTMLCanvasElement canvas, double quality);
}
