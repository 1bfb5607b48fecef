package dev.lenslet.webapp.page;

import java.util.List;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.dom.xml.DocumentFragment;
import org.teavm.jso.dom.xml.Node;

/** #gallery, newest images first, and the hint shown while it is empty. */
public final class Gallery {
    private final HTMLElement list = Dom.byId("gallery");
    private final HTMLElement emptyHint = Dom.byId("gallery-empty");

    /** Puts the cards at the top, in the order given (the order the files were dropped or picked in). */
    void addFirst(List<GalleryCard> cards) {
        DocumentFragment batch = list.getOwnerDocument().createDocumentFragment();
        for (GalleryCard card : cards) {
            batch.appendChild(card.element());
        }
        Node first = list.getFirstChild();
        list.insertBefore(batch, first);
        emptyHint.setHidden(true);
    }
}
