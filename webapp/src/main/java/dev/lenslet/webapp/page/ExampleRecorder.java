package dev.lenslet.webapp.page;

import dev.lenslet.webapp.page.browser.VideoElement;
import org.teavm.jso.JSBody;
import org.teavm.jso.browser.Window;
import org.teavm.jso.dom.events.Event;
import org.teavm.jso.dom.events.KeyboardEvent;
import org.teavm.jso.dom.html.HTMLElement;

/**
 * A class's record button: while it is held down (pointer, or Space or Enter held), the camera frame on screen
 * becomes an example {@value #FRAMES_PER_SECOND} times a second. The card's count shows how many there are.
 */
final class ExampleRecorder {
    static final int FRAMES_PER_SECOND = 4;

    private final ExampleMaker maker;
    private final TeachPanel panel;
    private final VideoElement video = Dom.byId("video");
    private int timer;
    private boolean recording;

    ExampleRecorder(ExampleMaker maker, TeachPanel panel) {
        this.maker = maker;
        this.panel = panel;
    }

    void bind(TaughtClass taught) {
        HTMLElement button = taught.recordButton();
        button.setAttribute("aria-pressed", "false");
        button.addEventListener("pointerdown", (Event event) -> {
            event.preventDefault();
            start(taught);
        });
        for (String end : new String[] {"pointerup", "pointercancel", "pointerleave", "blur"}) {
            button.addEventListener(end, (Event event) -> stop(button));
        }
        button.addEventListener("keydown", (KeyboardEvent event) -> {
            if (isHoldKey(event)) {
                event.preventDefault();
                if (!event.isRepeat()) {
                    start(taught);
                }
            }
        });
        button.addEventListener("keyup", (KeyboardEvent event) -> {
            if (isHoldKey(event)) {
                event.preventDefault();
                stop(button);
            }
        });
    }

    private static boolean isHoldKey(KeyboardEvent event) {
        return " ".equals(event.getKey()) || "Enter".equals(event.getKey());
    }

    private void start(TaughtClass taught) {
        if (recording) {
            return;
        }
        if (!isPlaying(video)) {
            panel.say("Start the camera first (in the Camera panel), then hold the button to record examples of \""
                    + taught.name() + "\".");
            return;
        }
        panel.say(null);
        recording = true;
        taught.recordButton().setAttribute("aria-pressed", "true");
        taught.recordButton().getClassList().add("recording");
        Runnable grab = () -> maker.fromImage(video, video.getVideoWidth(), video.getVideoHeight(),
                panel.exampleListener(taught));
        grab.run();
        timer = Window.setInterval(grab::run, 1000 / FRAMES_PER_SECOND);
    }

    private void stop(HTMLElement button) {
        if (!recording) {
            return;
        }
        recording = false;
        Window.clearInterval(timer);
        button.setAttribute("aria-pressed", "false");
        button.getClassList().remove("recording");
    }

    @JSBody(params = "video", script = "return !!video.srcObject && video.videoWidth > 0 && !video.paused;")
    private static native boolean isPlaying(VideoElement video);
}
