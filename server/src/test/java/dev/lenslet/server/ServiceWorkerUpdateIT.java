package dev.lenslet.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.lenslet.server.http.TestServer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;


/**
 * A new release reaches an open page: the new service worker waits, the page offers the update, and accepting it
 * (SKIP_WAITING) hands the page to the new worker after a reload.
 */
class ServiceWorkerUpdateIT {
    private static NewServiceWorkerHandler deployment;
    @AutoClose
    private static TestServer server;
    @AutoClose
    private static LensletPage page;

    @BeforeAll
    static void startBrowserAndServer() throws Exception {
        page = LensletPage.inNewChromium(ServiceWorkerUpdateIT.class);
        deployment = new NewServiceWorkerHandler();
        server = TestServer.startBehind(deployment);
    }


    @Test
    void newReleaseWaitsUntilTheUserReloads() {
        page.open(server.uri("/"));
        page.waitForServiceWorkerControl();
        assertFalse(page.element("#update-banner").isDisplayed(), "no update is offered before there is one");

        deployment.release();
        // Opening the page again makes the browser check sw.js, as it does on every navigation.
        page.reload();
        page.waitFor("#update-banner to offer the new version", LensletPage.SERVICE_WORKER_INSTALL,
                () -> page.element("#update-banner").isDisplayed());
        // README.md quotes this text.
        assertEquals("A new version of Lenslet is available. Reload",
                page.text("#update-banner").replaceAll("\\s+", " "));
        assertEquals(Boolean.TRUE, page.script(
                "return navigator.serviceWorker.getRegistration().then((r) => r.waiting !== null)"),
                "the new worker waits: it does not take over an open page by itself");

        page.script("window.beforeUpdate = true");
        page.element("#update-reload").click();

        page.waitFor("the page to reload under the new worker", LensletPage.SERVICE_WORKER_INSTALL,
                () -> Boolean.TRUE.equals(page.script("return window.beforeUpdate === undefined"
                        + " && navigator.serviceWorker.controller !== null"
                        + " && navigator.serviceWorker.getRegistration().then((r) => r.waiting === null)")));
        page.waitForModelReady();
        assertFalse(page.element("#update-banner").isDisplayed(), "the banner is gone after the update");
    }
}
