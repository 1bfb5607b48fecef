package dev.lenslet.webapp.page.browser;

import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.dom.events.EventTarget;

/** One track of a {@link MediaStream}; fires "ended" when the camera goes away without the page stopping it. */
public interface MediaStreamTrack extends EventTarget {
    @JSProperty
    String getKind();

    void stop();

    Settings getSettings();

    /** The settings the track actually runs with. */
    interface Settings extends JSObject {
        @JSProperty
        String getDeviceId();
    }
}
