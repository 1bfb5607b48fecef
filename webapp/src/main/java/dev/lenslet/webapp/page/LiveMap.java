package dev.lenslet.webapp.page;

import org.teavm.jso.core.JSArrayReader;
import org.teavm.jso.dom.events.Event;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.dom.html.HTMLInputElement;

/**
 * The #live-map switch: while it is on, every live result brings its top class's map, drawn over #video at the
 * live loop's rate. While it is off, frames ask for no map, so the live loop does no extra work.
 */
final class LiveMap {
    private final HTMLInputElement toggle = Dom.byId("live-map");
    private final HTMLElement video = Dom.byId("video");
    private final MapOverlay overlay = new MapOverlay();

    LiveMap() {
        video.getParentNode().appendChild(overlay.element());
        toggle.addEventListener("change", (Event event) -> {
            if (!toggle.isChecked()) {
                overlay.hide();
            }
        });
    }

    /** How many maps a frame should ask for: the top class's, while the switch is on. */
    int mapsWanted() {
        return toggle.isChecked() ? 1 : 0;
    }

    /** Shows the frame's top map, if it has one and the switch is still on. */
    void show(JSArrayReader<ActivationMap> maps, JSArrayReader<Prediction> top) {
        if (toggle.isChecked() && maps != null && maps.getLength() > 0) {
            overlay.show(maps.get(0), top.get(0).getLabel(), video);
        }
    }

    /** A stopped camera shows no map, as it shows no labels. */
    void hide() {
        overlay.hide();
    }
}
