package dev.lenslet.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lenslet.server.http.TestServer;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;


/**
 * When the camera cannot start, the page says why and what to do: denied, missing, busy, or the page not on https
 * or localhost. Chromium here has no camera (none is faked); the camera permission is set for the site through
 * DevTools; and the made-up host {@value #INSECURE_HOST} resolves to loopback, so that the same server is also an
 * insecure origin. Busy is a getUserMedia that fails as Chromium's does for a camera in use (NotReadableError),
 * since no switch makes a device busy.
 */
class CameraErrorsIT {
    private static final String INSECURE_HOST = "lenslet.test";

    @AutoClose
    private static TestServer server;
    @AutoClose
    private static LensletPage page;
    private String initScript;

    @BeforeAll
    static void startBrowserAndServer() throws Exception {
        page = LensletPage.inNewChromium(CameraErrorsIT.class,
                "--host-resolver-rules=MAP " + INSECURE_HOST + " 127.0.0.1");
        server = TestServer.start();
    }

    @AfterEach
    void undoOverrides() {
        page.devTools("Browser.resetPermissions", Map.of());
        if (initScript != null) {
            page.devTools("Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", initScript));
        }
    }

    @Test
    void missingCameraIsNamed() {
        setCameraPermission("granted");
        openPage(server.uri("/"));
        assertEquals(0L, page.script("""
                return navigator.mediaDevices.enumerateDevices()
                    .then((devices) => devices.filter((device) => device.kind === 'videoinput').length);
                """), "this machine has no camera");

        assertEquals("No camera was found. Connect a camera, then press Start camera.", page.startCameraMessage());
    }

    /**
     * Chromium looks for a camera before it asks, so this one has its built-in fake camera and a fake prompt that
     * the user answers with Block.
     */
    @Test
    void deniedCameraSaysHowToAllowIt() {
        try (LensletPage denying = LensletPage.inNewChromium(DenyingBrowser.class,
                "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream=deny")) {
            denying.open(server.uri("/"));
            denying.waitForPageScript();

            assertEquals("Lenslet is not allowed to use the camera. To allow it, open this site's settings in your"
                    + " browser (click the icon at the left of the address bar), set Camera to Allow, then press"
                    + " Start camera again.", denying.startCameraMessage());
        }
    }

    /** Names the denying browser's profile folder. */
    private interface DenyingBrowser {
    }

    @Test
    void busyCameraSaysToCloseOtherApps() {
        setCameraPermission("granted");
        initScript = (String) page.devTools("Page.addScriptToEvaluateOnNewDocument", Map.of("source", """
                navigator.mediaDevices.getUserMedia = () =>
                    Promise.reject(new DOMException('Could not start video source', 'NotReadableError'));
                """)).get("identifier");
        openPage(server.uri("/"));

        assertEquals("The camera is in use by another app, or it could not be started. Close other apps that use"
                + " the camera, then press Start camera again.", page.startCameraMessage());
    }

    @Test
    void insecurePageSaysToUseHttpsOrLocalhost() {
        openPage(URI.create("http://" + INSECURE_HOST + ":" + server.uri("/").getPort() + "/"));
        assertEquals(Boolean.FALSE, page.script("return window.isSecureContext"), "http://" + INSECURE_HOST
                + " is not a secure context");

        assertEquals("The camera only works on a secure page. Open Lenslet through https:// or on"
                + " http://localhost.", page.startCameraMessage());
    }

    private static void setCameraPermission(String setting) {
        page.devTools("Browser.setPermission", Map.of("permission", Map.of("name", "camera"), "setting", setting,
                "origin", server.uri("/").toString().replaceAll("/$", "")));
    }

    private static void openPage(URI uri) {
        page.open(uri);
        page.waitForPageScript();
    }
}
