package dev.lenslet.webapp.page;

import dev.lenslet.core.image.Region;
import dev.lenslet.webapp.page.browser.Browser;
import org.teavm.jso.core.JSArrayReader;
import org.teavm.jso.dom.events.Event;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.dom.html.HTMLImageElement;
import org.teavm.jso.file.Blob;

/**
 * One image in the gallery: {@code li.card} with a thumbnail, the file name ({@code .card-title}) and then either
 * its top-5 ({@code ol.top}) or, with class {@code error}, an {@code .error-message}. Class {@code pending} while
 * it waits for its result.
 */
final class GalleryCard {
    private final HTMLElement card = Dom.create("li", "card pending");
    private final HTMLElement body = Dom.create("div", "card-body");
    private final HTMLElement waitingNote = Dom.withText("p", "card-note", "Classifying…");

    GalleryCard(String fileName) {
        body.appendChild(Dom.withText("h3", "card-title", fileName));
        body.appendChild(waitingNote);
        card.appendChild(body);
    }

    HTMLElement element() {
        return card;
    }

    /**
     * Shows the file itself, all of it, with an outline on {@code classified} (a region of the width × height image)
     * when that is not the whole image: the outline shows what the network saw and keeps what it left out in view,
     * where a cropped thumbnail would hide it. Called only once the file has decoded within the size limit, as the
     * browser decodes a thumbnail at full size.
     */
    void showThumbnail(Blob image, Region classified, int width, int height) {
        HTMLElement frame = Dom.create("div", "thumb-frame");
        frame.appendChild(thumbnail(image));
        if (classified.width < width || classified.height < height) {
            HTMLElement mark = Dom.create("div", "crop-mark thumb-mark");
            mark.getStyle().setProperty("left", percent(classified.left, width));
            mark.getStyle().setProperty("top", percent(classified.top, height));
            mark.getStyle().setProperty("width", percent(classified.width, width));
            mark.getStyle().setProperty("height", percent(classified.height, height));
            frame.appendChild(mark);
        }
        card.insertBefore(frame, body);
    }

    private static String percent(float part, int whole) {
        return (100f * part / whole) + "%";
    }

    void showResult(JSArrayReader<Prediction> top) {
        HTMLElement list = Dom.create("ol", "top results");
        new ResultList(list).show(top);
        finish(list);
    }

    void showError(String message) {
        card.getClassList().add("error");
        finish(Dom.withText("p", "error-message", message));
    }

    private void finish(HTMLElement content) {
        card.getClassList().remove("pending");
        body.replaceChild(content, waitingNote);
    }

    /**
     * The image, shown through an object URL that is revoked once the image has loaded, since the element
     * keeps its decoded pixels; a file the browser cannot show gets no thumbnail rather than a broken one.
     */
    private static HTMLImageElement thumbnail(Blob image) {
        String url = Browser.createObjectUrl(image);
        HTMLImageElement thumb = (HTMLImageElement) Dom.create("img", "thumb");
        thumb.setAlt("");
        thumb.addEventListener("load", (Event event) -> Browser.revokeObjectUrl(url));
        thumb.addEventListener("error", (Event event) -> {
            Browser.revokeObjectUrl(url);
            thumb.delete();
        });
        thumb.setSrc(url);
        return thumb;
    }
}
