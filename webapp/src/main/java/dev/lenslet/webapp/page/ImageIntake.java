package dev.lenslet.webapp.page;

import dev.lenslet.webapp.page.browser.DataTransfer;
import dev.lenslet.webapp.page.browser.TransferEvent;
import java.util.function.Consumer;
import org.teavm.jso.JSBody;
import org.teavm.jso.core.JSArrayReader;
import org.teavm.jso.dom.events.Event;
import org.teavm.jso.dom.html.HTMLBodyElement;
import org.teavm.jso.dom.html.HTMLDocument;
import org.teavm.jso.dom.html.HTMLInputElement;
import org.teavm.jso.file.File;
import org.teavm.jso.file.FileList;

/**
 * Every way files come in: the #file-input picker, dropping anywhere on the page (#drop-zone only shows where),
 * and pasting anywhere, except onto a class of the Teach panel ({@link TaughtClass}), which takes its own. While
 * files are dragged over the page, the body has class {@code dragging}.
 */
public final class ImageIntake {
    private final Consumer<JSArrayReader<File>> sink;
    private final HTMLDocument document = HTMLDocument.current();
    private final HTMLBodyElement body = document.getBody();
    /** dragenter/dragleave fire for every element crossed: the page is left when they balance out. */
    private int dragDepth;

    /** @param sink gets each batch of files, in the order the browser lists them */
    public ImageIntake(Consumer<JSArrayReader<File>> sink) {
        this.sink = sink;
    }

    public void listen() {
        HTMLInputElement picker = Dom.byId("file-input");
        picker.addEventListener("change", (Event event) -> {
            take(picker.getFiles());
            // Cleared, so that choosing the same file again is a change too.
            picker.setValue("");
        });
        document.addEventListener("dragenter", (TransferEvent event) -> {
            if (carriesFiles(event.getDataTransfer())) {
                event.preventDefault();
                dragDepth++;
                body.getClassList().add("dragging");
            }
        });
        document.addEventListener("dragover", (TransferEvent event) -> {
            if (carriesFiles(event.getDataTransfer())) {
                // Without this the browser would open a dropped file in place of the page.
                event.preventDefault();
                event.getDataTransfer().setDropEffect("copy");
            }
        });
        document.addEventListener("dragleave", (TransferEvent event) -> {
            if (carriesFiles(event.getDataTransfer()) && --dragDepth <= 0) {
                endDrag();
            }
        });
        document.addEventListener("drop", (TransferEvent event) -> {
            if (TaughtClass.isTaken(event)) {
                endDrag();
            } else if (carriesFiles(event.getDataTransfer())) {
                event.preventDefault();
                endDrag();
                take(event.getDataTransfer().getFiles());
            }
        });
        document.addEventListener("paste", (TransferEvent event) -> {
            DataTransfer clipboard = event.getClipboardData();
            if (!TaughtClass.isTaken(event) && clipboard != null && clipboard.getFiles().getLength() > 0) {
                event.preventDefault();
                take(clipboard.getFiles());
            }
        });
    }

    private void endDrag() {
        dragDepth = 0;
        body.getClassList().remove("dragging");
    }

    private void take(FileList files) {
        if (files != null && files.getLength() > 0) {
            sink.accept(files);
        }
    }

    /** Dragged text or links are left to the browser. */
    @JSBody(params = "transfer", script = "return !!transfer && transfer.types != null"
            + " && Array.prototype.indexOf.call(transfer.types, 'Files') >= 0;")
    private static native boolean carriesFiles(DataTransfer transfer);
}
