package dev.lenslet.webapp.page.browser;

import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSArrayReader;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.dom.events.EventTarget;

/** {@code navigator.mediaDevices}: cameras. Get it from {@link Browser#mediaDevices()}. */
public interface MediaDevices extends EventTarget {
    JSPromise<MediaStream> getUserMedia(JSObject constraints);

    JSPromise<JSArrayReader<MediaDeviceInfo>> enumerateDevices();
}
