package dev.lenslet.webapp.page;

import dev.lenslet.webapp.page.browser.ValueBar;
import org.teavm.jso.core.JSArrayReader;
import org.teavm.jso.dom.html.HTMLElement;

/**
 * Renders a top-5 into an {@code <ol>}: one {@code li} per class with {@code .label}, a {@code meter.bar} and
 * {@code .score}. Rows are updated in place, so the live view does not rebuild the list for every frame.
 */
public final class ResultList {
    private final HTMLElement list;

    public ResultList(HTMLElement list) {
        this.list = list;
    }

    void show(JSArrayReader<Prediction> top) {
        while (list.getChildren().getLength() > top.getLength()) {
            list.removeChild(list.getLastChild());
        }
        while (list.getChildren().getLength() < top.getLength()) {
            list.appendChild(newRow());
        }
        for (int i = 0; i < top.getLength(); i++) {
            fill((HTMLElement) list.getChildren().get(i), top.get(i));
        }
    }

    void clear() {
        list.setTextContent("");
    }

    private static HTMLElement newRow() {
        HTMLElement row = Dom.create("li", "");
        row.appendChild(Dom.create("span", "label"));
        HTMLElement bar = Dom.create("meter", "bar");
        bar.setAttribute("min", "0");
        bar.setAttribute("max", "1");
        // The percentage next to it says the same in words; screen readers need not read it twice.
        bar.setAttribute("aria-hidden", "true");
        row.appendChild(bar);
        row.appendChild(Dom.create("span", "score"));
        return row;
    }

    /** Writes only what changed: each write makes the browser lay out and paint the row again. */
    private static void fill(HTMLElement row, Prediction prediction) {
        setText(row.querySelector(".label"), prediction.getLabel());
        ValueBar bar = (ValueBar) row.querySelector(".bar");
        if (bar.getValue() != prediction.getScore()) {
            bar.setValue(prediction.getScore());
        }
        setText(row.querySelector(".score"), Format.percent(prediction.getScore()));
    }

    private static void setText(HTMLElement element, String text) {
        if (!text.equals(element.getTextContent())) {
            element.setTextContent(text);
        }
    }
}
