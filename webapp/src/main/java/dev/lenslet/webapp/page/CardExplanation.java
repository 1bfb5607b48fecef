package dev.lenslet.webapp.page;

import org.teavm.jso.core.JSArrayReader;
import org.teavm.jso.dom.events.Event;
import org.teavm.jso.dom.html.HTMLElement;

/**
 * A classified card's "Where it looked" and "Similar photos": the toggle shows the top class's map over the
 * thumbnail (in {@code .thumb-frame}), and each row of the top-5 becomes a button ({@code .result-choice},
 * {@code aria-pressed}) that shows its class's map instead. {@code .map-note} says the shown map in words.
 */
final class CardExplanation {
    private final JSArrayReader<Prediction> top;
    private final JSArrayReader<ActivationMap> maps;
    private final HTMLElement card;
    private final MapOverlay overlay = new MapOverlay();
    private final HTMLElement toggle = button("Where it looked", "map-toggle");
    private final HTMLElement note = Dom.create("p", "map-note");
    private int shownClass;
    private boolean mapShown;

    private CardExplanation(GalleryCard card, JSArrayReader<Prediction> top, JSArrayReader<ActivationMap> maps) {
        this.card = card.element();
        this.top = top;
        this.maps = maps;
    }

    /**
     * Adds the controls to a card that shows its result. {@code maps} (one per top class) may be null when the
     * model has none; {@code similar} runs when "Similar photos" is chosen, or is null without an embedding.
     */
    static void attach(GalleryCard card, JSArrayReader<Prediction> top, JSArrayReader<ActivationMap> maps,
                       Runnable similar) {
        new CardExplanation(card, top, maps).build(similar);
    }

    private void build(Runnable similar) {
        HTMLElement actions = Dom.create("div", "card-actions");
        if (maps != null && maps.getLength() > 0) {
            wrapThumbnail();
            toggle.setAttribute("aria-pressed", "false");
            toggle.addEventListener("click", (Event event) -> {
                if (mapShown) {
                    hideMap();
                } else {
                    showMap(shownClass);
                }
            });
            actions.appendChild(toggle);
            makeRowsChoosable();
            note.setAttribute("aria-live", "polite");
            note.setHidden(true);
        }
        if (similar != null) {
            HTMLElement similarButton = button("Similar photos", "similar-button");
            similarButton.addEventListener("click", (Event event) -> similar.run());
            actions.appendChild(similarButton);
        }
        HTMLElement body = (HTMLElement) card.querySelector(".card-body");
        body.appendChild(actions);
        body.appendChild(note);
    }

    /**
     * The overlay goes into the thumbnail's frame (GalleryCard's, which also holds the crop outline), over the
     * thumbnail; a card without a thumbnail gets the words alone.
     */
    private void wrapThumbnail() {
        HTMLElement thumbnail = (HTMLElement) card.querySelector("img.thumb");
        if (thumbnail == null) {
            return;
        }
        thumbnail.getParentNode().appendChild(overlay.element());
        // Placing the map needs the photo's size: should the map be shown before the thumbnail has loaded, redraw.
        thumbnail.addEventListener("load", (Event event) -> {
            if (mapShown) {
                showMap(shownClass);
            }
        });
    }

    private void makeRowsChoosable() {
        HTMLElement list = (HTMLElement) card.querySelector("ol.top");
        for (int i = 0; i < list.getChildren().getLength() && i < maps.getLength(); i++) {
            HTMLElement row = (HTMLElement) list.getChildren().get(i);
            HTMLElement choice = button(null, "result-choice");
            choice.setAttribute("aria-pressed", "false");
            while (row.getFirstChild() != null) {
                choice.appendChild(row.getFirstChild());
            }
            row.appendChild(choice);
            int classRank = i;
            choice.addEventListener("click", (Event event) -> showMap(classRank));
        }
    }

    private void showMap(int classRank) {
        shownClass = classRank;
        String label = top.get(classRank).getLabel();
        HTMLElement thumbnail = (HTMLElement) card.querySelector("img.thumb");
        if (thumbnail != null) {
            overlay.show(maps.get(classRank), label, thumbnail);
        }
        note.setTextContent("Where it looked for " + label + ": " + maps.get(classRank).getText() + ".");
        note.setHidden(false);
        toggle.setAttribute("aria-pressed", "true");
        mapShown = true;
        markChoice(classRank);
    }

    private void hideMap() {
        overlay.hide();
        note.setHidden(true);
        toggle.setAttribute("aria-pressed", "false");
        mapShown = false;
        markChoice(-1);
    }

    private void markChoice(int classRank) {
        var choices = card.querySelectorAll(".result-choice");
        for (int i = 0; i < choices.getLength(); i++) {
            ((HTMLElement) choices.get(i)).setAttribute("aria-pressed", i == classRank ? "true" : "false");
        }
    }

    private static HTMLElement button(String text, String className) {
        HTMLElement button = text == null ? Dom.create("button", className) : Dom.withText("button", className, text);
        button.setAttribute("type", "button");
        return button;
    }
}
