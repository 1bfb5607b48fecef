package dev.lenslet.webapp.page;

import dev.lenslet.webapp.page.browser.Browser;
import org.teavm.jso.canvas.CanvasImageSource;
import org.teavm.jso.dom.events.Event;
import org.teavm.jso.dom.html.HTMLImageElement;
import org.teavm.jso.file.File;

/**
 * Decodes image files on the main thread, refusing empty, damaged and oversized files with a message that says
 * which file and what is wrong. An {@code <img>} outside the document reads the image's size from its header
 * without decoding its pixels, so a decompression bomb (a small file declaring a huge size) is refused before
 * anything large is allocated. createImageBitmap then decodes it: it rejects a damaged file, where an {@code <img>}
 * would show what it could read of it (a truncated JPEG, half grey) and get a label for that. Only SVG, which
 * Chromium's createImageBitmap refuses, and browsers without createImageBitmap draw from the {@code <img>}.
 */
public final class ImageDecoder {
    /** 100 megapixels decode to 400 MB of RGBA, about as much as a phone's browser gives one page at once. */
    private static final double MAX_PIXELS = 100e6;

    /** Exactly one method is called. */
    interface Callback {
        /** The image is only valid during this call: it is freed right after. */
        void decoded(CanvasImageSource image, int width, int height);

        /** @param message what is wrong, beginning with the file's name */
        void failed(String message);
    }

    void decode(File file, Callback callback) {
        String name = file.getName();
        if (file.getSize() == 0) {
            callback.failed(name + " is empty (0 bytes): there is no image in it.");
            return;
        }
        String url = Browser.createObjectUrl(file);
        HTMLImageElement image = (HTMLImageElement) Dom.create("img", "");
        image.addEventListener("load", (Event event) -> {
            // The element keeps what it has read; drawing it later needs no URL.
            Browser.revokeObjectUrl(url);
            int width = image.getNaturalWidth();
            int height = image.getNaturalHeight();
            if ((double) width * height > MAX_PIXELS) {
                callback.failed(name + " is too large to classify: " + width + " × " + height + " pixels. Lenslet"
                        + " takes images of up to 100 megapixels; scale it down, then try again.");
            } else if (width == 0 || height == 0) {
                callback.failed(name + " has no width or height (an SVG that sets none), so it cannot be drawn.");
            } else if (!Browser.hasImageBitmaps() || file.getType().equals("image/svg+xml")) {
                callback.decoded(image, width, height);
            } else {
                decodeBitmap(file, callback);
            }
        });
        image.addEventListener("error", (Event event) -> {
            Browser.revokeObjectUrl(url);
            callback.failed(undecodable(name));
        });
        image.setSrc(url);
    }

    private static void decodeBitmap(File file, Callback callback) {
        Browser.createImageBitmap(file).then(bitmap -> {
            try {
                callback.decoded(bitmap, bitmap.getWidth(), bitmap.getHeight());
            } finally {
                bitmap.close();
            }
            return null;
        }, error -> {
            callback.failed(undecodable(file.getName()));
            return null;
        });
    }

    private static String undecodable(String name) {
        return name + " could not be decoded: the file is damaged, cut short, or not an image this browser can"
                + " read. Open it in another app and save it again as JPEG or PNG.";
    }
}
