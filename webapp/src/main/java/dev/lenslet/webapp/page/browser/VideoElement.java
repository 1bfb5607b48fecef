package dev.lenslet.webapp.page.browser;

import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.canvas.CanvasImageSource;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.dom.types.DOMTokenList;

/** A {@code <video>} showing a camera: what TeaVM's HTMLVideoElement lacks (srcObject, frame callbacks). */
public interface VideoElement extends CanvasImageSource {
    @JSProperty
    DOMTokenList getClassList();

    @JSProperty
    void setSrcObject(MediaStream stream);

    @JSProperty
    int getVideoWidth();

    @JSProperty
    int getVideoHeight();

    /** Seconds into the stream of the frame on screen; it changes exactly when a new frame is shown. */
    @JSProperty
    double getCurrentTime();

    JSPromise<JSObject> play();

    /** Chromium and Safari only; check {@link Browser#hasVideoFrameCallbacks(VideoElement)} first. */
    int requestVideoFrameCallback(FrameCallback callback);

    @JSFunctor
    interface FrameCallback extends JSObject {
        void onFrame(double now, JSObject metadata);
    }
}
