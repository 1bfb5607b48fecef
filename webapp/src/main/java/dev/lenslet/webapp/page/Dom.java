package dev.lenslet.webapp.page;

import org.teavm.jso.dom.html.HTMLDocument;
import org.teavm.jso.dom.html.HTMLElement;

/** Finding and making elements. */
final class Dom {
    private Dom() {
    }

    /** The element with this id in index.html, as whatever element type the caller expects. */
    @SuppressWarnings("unchecked")
    static <T> T byId(String id) {
        HTMLElement element = HTMLDocument.current().getElementById(id);
        if (element == null) {
            throw new IllegalStateException("index.html has no element #" + id);
        }
        return (T) element;
    }

    static HTMLElement create(String tag, String className) {
        HTMLElement element = HTMLDocument.current().createElement(tag);
        element.setClassName(className);
        return element;
    }

    static HTMLElement withText(String tag, String className, String text) {
        HTMLElement element = create(tag, className);
        element.setTextContent(text);
        return element;
    }
}
