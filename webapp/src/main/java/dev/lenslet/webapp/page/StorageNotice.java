package dev.lenslet.webapp.page;

import dev.lenslet.webapp.page.browser.Browser;
import dev.lenslet.webapp.page.browser.ServiceWorkerContainer;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.dom.events.MessageEvent;
import org.teavm.jso.dom.html.HTMLElement;

/**
 * Shows #storage-notice when the service worker reports ({type: 'STORAGE_FULL'}) that the device has no room to
 * keep the app or its model: the page goes on working from the network and memory, but not offline.
 */
public final class StorageNotice {
    private final HTMLElement notice = Dom.byId("storage-notice");

    /** Call before the service worker is registered: its install may already fill the storage. */
    public void listen() {
        ServiceWorkerContainer container = Browser.serviceWorkers();
        if (container == null) {
            return;
        }
        container.addEventListener("message", (MessageEvent event) -> {
            if (isStorageFull(event.getData())) {
                notice.setHidden(false);
            }
        });
    }

    @JSBody(params = "data", script = "return !!data && data.type === 'STORAGE_FULL';")
    private static native boolean isStorageFull(JSObject data);
}
