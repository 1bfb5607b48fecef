package dev.lenslet.webapp.page;

import dev.lenslet.webapp.page.browser.Browser;
import dev.lenslet.webapp.page.browser.JsErrors;
import dev.lenslet.webapp.page.browser.ServiceWorker;
import dev.lenslet.webapp.page.browser.ServiceWorkerContainer;
import dev.lenslet.webapp.page.browser.ServiceWorkerRegistration;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.browser.Location;
import org.teavm.jso.dom.events.Event;
import org.teavm.jso.dom.html.HTMLButtonElement;
import org.teavm.jso.dom.html.HTMLElement;

/**
 * Registers the service worker (sw.js), which keeps the app working offline, and shows #update-banner when a new
 * version of it is installed and waiting. #update-reload asks the waiting worker to take over ({type:
 * 'SKIP_WAITING'}) and reloads the page once it has. Without service workers (or on an insecure page) the page
 * simply works online only.
 */
public final class UpdateBanner {
    private final HTMLElement banner = Dom.byId("update-banner");
    private final HTMLButtonElement reloadButton = Dom.byId("update-reload");
    private ServiceWorker waiting;

    public void watch() {
        ServiceWorkerContainer container = Browser.serviceWorkers();
        if (container == null) {
            return;
        }
        reloadButton.addEventListener("click", (Event event) -> activateWaiting(container));
        container.register("sw.js").then(registration -> {
            watchRegistration(container, registration);
            return null;
        }, error -> {
            Browser.warn("Lenslet: the service worker is not registered, so there is no offline use: "
                    + JsErrors.message(error));
            return null;
        });
    }

    private void watchRegistration(ServiceWorkerContainer container, ServiceWorkerRegistration registration) {
        // Without a controller this is the first install, not an update: nothing older is running to replace.
        if (registration.getWaiting() != null && container.getController() != null) {
            show(registration.getWaiting());
        }
        registration.addEventListener("updatefound", (Event event) -> {
            ServiceWorker installing = registration.getInstalling();
            if (installing == null) {
                return;
            }
            installing.addEventListener("statechange", (Event change) -> {
                if (installing.getState().equals("installed") && container.getController() != null) {
                    show(installing);
                }
            });
        });
    }

    private void show(ServiceWorker worker) {
        waiting = worker;
        banner.setHidden(false);
    }

    private void activateWaiting(ServiceWorkerContainer container) {
        if (waiting == null) {
            return;
        }
        reloadButton.setDisabled(true);
        // Listened for only now, so that the first install taking control never reloads the page by surprise.
        container.addEventListener("controllerchange", (Event event) -> Location.current().reload());
        waiting.postMessage(skipWaitingMessage());
    }

    @JSBody(script = "return {type: 'SKIP_WAITING'};")
    private static native JSObject skipWaitingMessage();
}
