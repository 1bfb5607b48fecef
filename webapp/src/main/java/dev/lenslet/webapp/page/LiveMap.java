package dev.lenslet.webapp.page;

import dev.lenslet.core.image.Region;
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

    /**
     * Shows the frame's top map, if it has one and the switch is still on. The frame was grabbed from
     * {@code grabbed} of the video (the chosen crop), so the map's region, a fraction of the frame, is placed
     * within that rectangle of the video.
     */
    void show(JSArrayReader<ActivationMap> maps, JSArrayReader<Prediction> top, Region grabbed, int videoWidth,
              int videoHeight) {
        if (toggle.isChecked() && maps != null && maps.getLength() > 0 && videoWidth > 0 && videoHeight > 0) {
            ActivationMap map = maps.get(0);
            ActivationMap.Box box = map.getRegion();
            overlay.show(map, top.get(0).getLabel(), video,
                    (grabbed.left + box.getLeft() * grabbed.width) / videoWidth,
                    (grabbed.top + box.getTop() * grabbed.height) / videoHeight,
                    box.getWidth() * grabbed.width / videoWidth, box.getHeight() * grabbed.height / videoHeight);
        }
    }

    /** A stopped camera shows no map, as it shows no labels. */
    void hide() {
        overlay.hide();
    }
}
