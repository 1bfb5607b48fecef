package dev.lenslet.webapp.page.browser;

import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSArrayReader;

/** A camera's stream, as {@link MediaDevices#getUserMedia} gives it. */
public interface MediaStream extends JSObject {
    JSArrayReader<MediaStreamTrack> getTracks();
}
