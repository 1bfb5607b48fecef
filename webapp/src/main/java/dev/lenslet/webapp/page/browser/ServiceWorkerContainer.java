package dev.lenslet.webapp.page.browser;

import org.teavm.jso.JSProperty;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.dom.events.EventTarget;

/** {@code navigator.serviceWorker}; get it from {@link Browser#serviceWorkers()}. */
public interface ServiceWorkerContainer extends EventTarget {
    JSPromise<ServiceWorkerRegistration> register(String url);

    /** The worker controlling this page, or null on the first visit. */
    @JSProperty
    ServiceWorker getController();
}
