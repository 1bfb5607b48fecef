package dev.lenslet.webapp.page.browser;

import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.file.FileList;

/** What a drag or a paste carries. */
public interface DataTransfer extends JSObject {
    @JSProperty
    FileList getFiles();

    @JSProperty
    void setDropEffect(String effect);
}
