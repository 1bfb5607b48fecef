package dev.lenslet.webapp.page.browser;

import org.teavm.jso.JSProperty;
import org.teavm.jso.dom.events.EventTarget;

/** Fires "updatefound" when a new version of the service worker starts installing. */
public interface ServiceWorkerRegistration extends EventTarget {
    @JSProperty
    ServiceWorker getInstalling();

    @JSProperty
    ServiceWorker getWaiting();
}
