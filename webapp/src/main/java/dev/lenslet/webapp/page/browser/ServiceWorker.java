package dev.lenslet.webapp.page.browser;

import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.dom.events.EventTarget;

/** One version of the service worker; fires "statechange". */
public interface ServiceWorker extends EventTarget {
    @JSProperty
    String getState();

    void postMessage(JSObject message);
}
