package dev.lenslet.webapp.page;

import dev.lenslet.webapp.page.browser.Browser;
import dev.lenslet.webapp.page.browser.JsErrors;
import dev.lenslet.webapp.page.browser.MediaDeviceInfo;
import dev.lenslet.webapp.page.browser.MediaDevices;
import dev.lenslet.webapp.page.browser.MediaStream;
import dev.lenslet.webapp.page.browser.MediaStreamTrack;
import dev.lenslet.webapp.page.browser.VideoElement;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSArrayReader;
import org.teavm.jso.dom.events.Event;
import org.teavm.jso.dom.html.HTMLButtonElement;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.dom.html.HTMLOptionElement;
import org.teavm.jso.dom.html.HTMLSelectElement;

/**
 * The camera panel: #camera-toggle starts and stops the camera into #video, #camera-select (shown when there
 * are two or more cameras) switches between them, and #camera-message says what went wrong.
 */
public final class Camera {
    /** Told when frames start and stop coming. */
    public interface Listener {
        void started(VideoElement video);

        void stopped();
    }

    /** On #video while the camera runs; the style sheet shows a placeholder in its place otherwise. */
    private static final String VIDEO_ON_CLASS = "on";

    private final HTMLButtonElement toggle = Dom.byId("camera-toggle");
    private final HTMLSelectElement select = Dom.byId("camera-select");
    private final HTMLElement selectLabel = Dom.byId("camera-select-label");
    private final VideoElement video = Dom.byId("video");
    private final HTMLElement message = Dom.byId("camera-message");
    private final Listener listener;
    private MediaStream stream;

    public Camera(Listener listener) {
        this.listener = listener;
    }

    public void bind() {
        toggle.addEventListener("click", (Event event) -> {
            if (stream != null) {
                stop("");
            } else {
                start(select.getValue());
            }
        });
        select.addEventListener("change", (Event event) -> {
            if (stream != null) {
                start(select.getValue());
            }
        });
        MediaDevices devices = Browser.mediaDevices();
        if (devices != null) {
            devices.addEventListener("devicechange", (Event event) -> listCameras(devices));
        }
    }

    /** @param deviceId the camera to use, or "" for the default (the one facing away from the user, if any) */
    private void start(String deviceId) {
        MediaDevices devices = Browser.mediaDevices();
        if (devices == null) {
            showMessage(CameraErrors.unavailable(Browser.isSecureContext()));
            return;
        }
        // Phones often cannot open a second camera while the first is still running.
        stopStream();
        toggle.setDisabled(true);
        showMessage("");
        devices.getUserMedia(constraints(deviceId)).then(newStream -> {
            toggle.setDisabled(false);
            attach(newStream);
            listCameras(devices);
            return null;
        }, error -> {
            toggle.setDisabled(false);
            showMessage(CameraErrors.startFailed(JsErrors.name(error)));
            return null;
        });
    }

    private void attach(MediaStream newStream) {
        // A second start (another camera picked) can finish while the first one's stream is still running.
        stopStream();
        stream = newStream;
        JSArrayReader<MediaStreamTrack> tracks = newStream.getTracks();
        for (int i = 0; i < tracks.getLength(); i++) {
            tracks.get(i).addEventListener("ended", (Event event) -> {
                if (stream == newStream) {
                    stop(CameraErrors.ENDED);
                }
            });
        }
        video.setSrcObject(newStream);
        // Rejects only when a newer stream replaces this one before it plays, which needs no handling.
        video.play().catchError(error -> null);
        toggle.setTextContent("Stop camera");
        video.getClassList().add(VIDEO_ON_CLASS);
        listener.started(video);
    }

    /** @param reason what to tell the user, or "" */
    private void stop(String reason) {
        stopStream();
        showMessage(reason);
    }

    private void stopStream() {
        if (stream == null) {
            return;
        }
        JSArrayReader<MediaStreamTrack> tracks = stream.getTracks();
        for (int i = 0; i < tracks.getLength(); i++) {
            tracks.get(i).stop();
        }
        stream = null;
        video.setSrcObject(null);
        toggle.setTextContent("Start camera");
        video.getClassList().remove(VIDEO_ON_CLASS);
        listener.stopped();
    }

    /** Fills #camera-select; cameras only get their names once the user has allowed one of them. */
    private void listCameras(MediaDevices devices) {
        devices.enumerateDevices().then(all -> {
            String chosen = chosenDeviceId();
            select.clear();
            int cameras = 0;
            for (int i = 0; i < all.getLength(); i++) {
                MediaDeviceInfo device = all.get(i);
                if (device.getKind().equals("videoinput")) {
                    cameras++;
                    HTMLOptionElement option = (HTMLOptionElement) Dom.withText("option", "",
                            device.getLabel().isEmpty() ? "Camera " + cameras : device.getLabel());
                    option.setValue(device.getDeviceId());
                    select.appendChild(option);
                }
            }
            select.setValue(chosen);
            select.setHidden(cameras < 2);
            selectLabel.setHidden(cameras < 2);
            return null;
        }, error -> {
            Browser.warn("Lenslet: could not list the cameras: " + JsErrors.message(error));
            return null;
        });
    }

    /** The camera running, else the one picked in #camera-select. */
    private String chosenDeviceId() {
        if (stream != null) {
            JSArrayReader<MediaStreamTrack> tracks = stream.getTracks();
            for (int i = 0; i < tracks.getLength(); i++) {
                if (tracks.get(i).getKind().equals("video")) {
                    return tracks.get(i).getSettings().getDeviceId();
                }
            }
        }
        return select.getValue();
    }

    private void showMessage(String text) {
        message.setTextContent(text);
        message.setHidden(text.isEmpty());
    }

    /** 640×480 is plenty: frames are scaled to 224×224 for the model anyway. */
    @JSBody(params = "deviceId", script = "var video = {width: {ideal: 640}, height: {ideal: 480}};"
            + "if (deviceId) { video.deviceId = {exact: deviceId}; } else { video.facingMode = 'environment'; }"
            + "return {audio: false, video: video};")
    private static native JSObject constraints(String deviceId);
}
