package dev.lenslet.webapp.page.browser;

import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;

/** One entry of {@link MediaDevices#enumerateDevices()}; labels are empty until the user allowed a camera. */
public interface MediaDeviceInfo extends JSObject {
    @JSProperty
    String getKind();

    @JSProperty
    String getDeviceId();

    @JSProperty
    String getLabel();
}
