package dev.lenslet.webapp.page;

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
     * Shows the file itself; called only once it has decoded within the size limit, as the browser decodes a
     * thumbnail at full size.
     */
    void showThumbnail(Blob image) {
        card.insertBefore(thumbnail(image), body);
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
