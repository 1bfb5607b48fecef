package dev.lenslet.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** After one visit, the service worker starts the page, loads the model and classifies with the server gone. */
class OfflineIT {
    @AutoClose
    private static TestServer server;
    @AutoClose
    private static LensletPage page;

    @BeforeAll
    static void startBrowserAndServer() throws Exception {
        page = LensletPage.inNewChromium(OfflineIT.class);
        server = TestServer.start();
    }


    @Test
    void pageWorksOfflineAfterOneVisit() throws Exception {
        page.open(server.uri("/"));
        page.waitForModelReady();
        // No reload: the worker claims the page that installed it, having cached the shell and the model.
        page.waitForServiceWorkerControl();

        server.stopServing();
        page.reload();

        page.waitForModelReady();
        page.drop(SharedFiles.photo("grace_hopper.jpg"));
        LensletPage.Card card = page.finishedCard("grace_hopper.jpg", LensletPage.CLASSIFY_PHOTO);
        assertEquals("military uniform", card.topLabel(), () -> card + "\n" + page.diagnostics());
    }
}
