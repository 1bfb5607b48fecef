package dev.lenslet.webapp.page;

import dev.lenslet.core.image.Crop;
import org.teavm.jso.dom.html.HTMLElement;

/**
 * Marks on the camera preview the square the network sees: #video-frame takes the video's shape, so the video
 * fills it, and #crop-mark, centred in it, is the central square, its side {@link Crop#CENTER}'s fraction of the
 * shorter side. Hidden when the whole frame is classified.
 */
final class PreviewMark {
    private final HTMLElement frame = Dom.byId("video-frame");
    private final HTMLElement mark = Dom.byId("crop-mark");
    private int shownWidth;
    private int shownHeight;
    private boolean shownCenter;

    /** Fits the frame and the mark to a video of this size; does nothing when nothing changed (every frame). */
    void show(int videoWidth, int videoHeight, boolean centerSquare) {
        if (videoWidth == shownWidth && videoHeight == shownHeight && centerSquare == shownCenter) {
            return;
        }
        shownWidth = videoWidth;
        shownHeight = videoHeight;
        shownCenter = centerSquare;
        frame.getStyle().setProperty("aspect-ratio", videoWidth + " / " + videoHeight);
        String side = (Crop.CENTER.fraction * 100) + "%";
        boolean landscape = videoWidth >= videoHeight;
        mark.getStyle().setProperty("height", landscape ? side : "auto");
        mark.getStyle().setProperty("width", landscape ? "auto" : side);
        mark.setHidden(!centerSquare);
    }

    void hide() {
        shownWidth = 0;
        shownHeight = 0;
        frame.getStyle().removeProperty("aspect-ratio");
        mark.setHidden(true);
    }
}
