package dev.lenslet.webapp.page;

import dev.lenslet.webapp.page.browser.Browser;
import org.teavm.jso.canvas.CanvasImageSource;
import org.teavm.jso.dom.events.Event;
import org.teavm.jso.dom.html.HTMLImageElement;
import org.teavm.jso.file.Blob;

/**
 * Decodes image files on the main thread: with createImageBitmap where there is one, else (or when it refuses
 * the file, as Chromium does SVG) through an {@code <img>}.
 */
public final class ImageDecoder {
    /** Exactly one method is called. */
    interface Callback {
        /** The image is only valid during this call: it is freed right after. */
        void decoded(CanvasImageSource image, int width, int height);

        void failed();
    }

    void decode(Blob file, Callback callback) {
        if (!Browser.hasImageBitmaps()) {
            decodeWithImageElement(file, callback);
            return;
        }
        Browser.createImageBitmap(file).then(bitmap -> {
            try {
                deliver(bitmap, bitmap.getWidth(), bitmap.getHeight(), callback);
            } finally {
                bitmap.close();
            }
            return null;
        }, error -> {
            decodeWithImageElement(file, callback);
            return null;
        });
    }

    private static void decodeWithImageElement(Blob file, Callback callback) {
        String url = Browser.createObjectUrl(file);
        HTMLImageElement image = (HTMLImageElement) Dom.create("img", "");
        image.addEventListener("load", (Event event) -> {
            Browser.revokeObjectUrl(url);
            deliver(image, image.getNaturalWidth(), image.getNaturalHeight(), callback);
        });
        image.addEventListener("error", (Event event) -> {
            Browser.revokeObjectUrl(url);
            callback.failed();
        });
        image.setSrc(url);
    }

    /** An image without a size (an SVG that sets none) cannot be drawn to pixels. */
    private static void deliver(CanvasImageSource image, int width, int height, Callback callback) {
        if (width > 0 && height > 0) {
            callback.decoded(image, width, height);
        } else {
            callback.failed();
        }
    }
}
