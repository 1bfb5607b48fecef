package dev.lenslet.webapp.page.browser;

import org.teavm.jso.JSProperty;
import org.teavm.jso.dom.events.Event;

/** A drag event ({@code dataTransfer}) or a clipboard event ({@code clipboardData}). */
public interface TransferEvent extends Event {
    @JSProperty
    DataTransfer getDataTransfer();

    @JSProperty
    DataTransfer getClipboardData();
}
