package dev.lenslet.webapp.page.browser;

import org.teavm.jso.JSProperty;
import org.teavm.jso.canvas.CanvasImageSource;

/** A decoded image from {@link Browser#createImageBitmap}; {@link #close()} frees its pixels at once. */
public interface ImageBitmap extends CanvasImageSource {
    @JSProperty
    int getWidth();

    @JSProperty
    int getHeight();

    void close();
}
