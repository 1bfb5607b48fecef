package dev.lenslet.webapp.page;

import dev.lenslet.core.image.Crop;
import dev.lenslet.core.image.Region;
import dev.lenslet.webapp.page.browser.Browser;
import java.util.ArrayList;
import java.util.List;
import org.teavm.jso.JSBody;
import org.teavm.jso.dom.events.Event;
import org.teavm.jso.dom.html.HTMLSelectElement;

/**
 * What part of a photo or camera frame is classified: by default the central square ({@link Crop#CENTER}, as
 * MobileNetV2 was trained and evaluated: the more accurate), or the whole image squashed into the model's square.
 * #crop-select chooses; the choice is kept in localStorage for the next visit. {@code ?crop=center|none} sets it
 * for one visit without keeping it, as {@code ?crop=} does on the API.
 */
public final class CropChoice {
    private static final String CENTER = "center";
    private static final String NONE = "none";
    private static final String STORAGE_KEY = "lenslet.crop";

    private final HTMLSelectElement select = Dom.byId("crop-select");
    private final List<Runnable> listeners = new ArrayList<>();
    private String mode;
    /** The last region given, and what it was for: the live loop asks for the same one every frame. */
    private Region region;
    private int regionOfWidth, regionOfHeight;
    private boolean regionCentered;

    public CropChoice() {
        String asked = Browser.queryParameter("crop");
        mode = known(asked) ? asked : known(stored()) ? stored() : CENTER;
        select.setValue(mode);
        select.addEventListener("change", (Event event) -> {
            mode = known(select.getValue()) ? select.getValue() : CENTER;
            store(mode);
            listeners.forEach(Runnable::run);
        });
    }

    /** Called after each change of the choice. */
    void onChange(Runnable listener) {
        listeners.add(listener);
    }

    boolean centerSquare() {
        return CENTER.equals(mode);
    }

    /** The crop the worker applies to a whole image: its names for the two choices. */
    String workerCrop() {
        return centerSquare() ? "center" : "squash";
    }

    /**
     * What the network sees of a width × height image: the central square, or all of it. The same object while
     * the size and the choice stay the same, so the live loop makes none per frame.
     */
    Region region(int width, int height) {
        if (region == null || width != regionOfWidth || height != regionOfHeight || centerSquare() != regionCentered) {
            regionOfWidth = width;
            regionOfHeight = height;
            regionCentered = centerSquare();
            region = regionCentered ? centralSquare(width, height) : new Region(0, 0, width, height);
        }
        return region;
    }

    private static Region centralSquare(int width, int height) {
        float side = Crop.CENTER.fraction * Math.min(width, height);
        return new Region((width - side) / 2f, (height - side) / 2f, side, side);
    }

    private static boolean known(String value) {
        return CENTER.equals(value) || NONE.equals(value);
    }

    /** Null where storage is off (private modes, blocked cookies): then the default applies. */
    @JSBody(params = "key", script = "try { return localStorage.getItem(key); } catch (e) { return null; }")
    private static native String storedValue(String key);

    @JSBody(params = {"key", "value"}, script = "try { localStorage.setItem(key, value); } catch (e) {}")
    private static native void storeValue(String key, String value);

    private static String stored() {
        return storedValue(STORAGE_KEY);
    }

    private static void store(String value) {
        storeValue(STORAGE_KEY, value);
    }
}
