package dev.lenslet.webapp.page;

import dev.lenslet.webapp.page.browser.TransferEvent;
import java.util.ArrayList;
import java.util.List;
import org.teavm.jso.JSBody;
import org.teavm.jso.core.JSArrayReader;
import org.teavm.jso.dom.events.Event;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.dom.html.HTMLImageElement;
import org.teavm.jso.dom.html.HTMLInputElement;
import org.teavm.jso.file.File;
import org.teavm.jso.typedarrays.Float32Array;

/**
 * One class the user teaches, and its card in #teach-classes: {@code li.teach-class} with the name in an input
 * ({@code .teach-class-name}), the example count ({@code .teach-count}), a photo picker, the record button
 * ({@code .teach-record}), a delete button and the examples as thumbnails ({@code ul.teach-examples}), each with a
 * remove button. Photos dropped on the card or pasted while it has the focus become its examples. The name is
 * only ever set as text, so markup in it shows as typed.
 */
final class TaughtClass {
    /** What the user does to the class; the panel decides what follows. */
    interface Actions {
        void rename(TaughtClass taught, String name);

        void delete(TaughtClass taught);

        void addFiles(TaughtClass taught, JSArrayReader<File> files);

        void remove(TaughtClass taught, Example example);
    }

    /** A training example: the image's embedding and its thumbnail; id is its IndexedDB key, 0 until saved. */
    static final class Example {
        final Float32Array embedding;
        final String thumbnail;
        int id;
        boolean removed;
        HTMLElement item;

        Example(int id, Float32Array embedding, String thumbnail) {
            this.id = id;
            this.embedding = embedding;
            this.thumbnail = thumbnail;
        }
    }

    private static int cardsMade;

    final int id;
    private String name;
    private final List<Example> examples = new ArrayList<>();
    private final HTMLElement card = Dom.create("li", "teach-class");
    private final HTMLInputElement nameInput = (HTMLInputElement) Dom.create("input", "teach-class-name");
    private final HTMLElement count = Dom.create("span", "teach-count");
    private final HTMLElement deleteButton = Dom.create("button", "button button-quiet teach-delete");
    private final HTMLElement list = Dom.create("ul", "teach-examples");
    private final HTMLElement recordButton = Dom.withText("button", "button teach-record", "Hold to record");
    private final HTMLElement pickLabel = Dom.withText("label", "button", "Add photos");

    TaughtClass(int id, String name, Actions actions) {
        this.id = id;
        int number = ++cardsMade;
        nameInput.setAttribute("type", "text");
        nameInput.setAttribute("maxlength", "100");
        nameInput.setAttribute("autocomplete", "off");
        nameInput.addEventListener("change", (Event event) -> actions.rename(this, nameInput.getValue()));
        deleteButton.setAttribute("type", "button");
        deleteButton.setTextContent("Delete class");
        deleteButton.addEventListener("click", (Event event) -> actions.delete(this));

        HTMLInputElement picker = (HTMLInputElement) Dom.create("input", "file-input");
        picker.setAttribute("type", "file");
        picker.setAttribute("multiple", "");
        picker.setAttribute("accept", "image/*");
        picker.setId("teach-files-" + number);
        picker.addEventListener("change", (Event event) -> {
            if (picker.getFiles().getLength() > 0) {
                actions.addFiles(this, picker.getFiles());
            }
            picker.setValue("");
        });
        pickLabel.setAttribute("for", picker.getId());
        recordButton.setAttribute("type", "button");
        // The count is announced as it changes, while recording too.
        count.setAttribute("aria-live", "polite");

        HTMLElement head = Dom.create("div", "teach-class-head");
        head.appendChild(nameInput);
        head.appendChild(count);
        head.appendChild(deleteButton);
        HTMLElement tools = Dom.create("div", "teach-class-tools");
        tools.appendChild(picker);
        tools.appendChild(pickLabel);
        tools.appendChild(recordButton);
        card.appendChild(head);
        card.appendChild(tools);
        card.appendChild(list);
        listenForFiles(actions);
        setName(name);
        showCount();
    }

    HTMLElement element() {
        return card;
    }

    HTMLElement recordButton() {
        return recordButton;
    }

    String name() {
        return name;
    }

    /** Shows {@code newName} as the class's name, in the input and in the labels that mention it. */
    void setName(String newName) {
        name = newName;
        nameInput.setValue(newName);
        nameInput.setAttribute("aria-label", "Class name");
        deleteButton.setAttribute("aria-label", "Delete class " + newName);
        pickLabel.setAttribute("aria-label", "Add photos to " + newName);
        recordButton.setAttribute("aria-label", "Hold to record camera frames as examples of " + newName);
        list.setAttribute("aria-label", "Examples of " + newName);
        for (int i = 0; i < examples.size(); i++) {
            label(examples.get(i), i + 1);
        }
    }

    List<Example> examples() {
        return examples;
    }

    void add(Example example, Actions actions) {
        examples.add(example);
        HTMLElement item = Dom.create("li", "teach-example");
        HTMLImageElement image = (HTMLImageElement) Dom.create("img", "teach-thumb");
        image.setSrc(example.thumbnail);
        image.setWidth(Thumbnail.SIDE);
        image.setHeight(Thumbnail.SIDE);
        HTMLElement remove = Dom.withText("button", "teach-remove", "×");
        remove.setAttribute("type", "button");
        remove.addEventListener("click", (Event event) -> actions.remove(this, example));
        item.appendChild(image);
        item.appendChild(remove);
        example.item = item;
        list.appendChild(item);
        label(example, examples.size());
        showCount();
    }

    void remove(Example example) {
        int index = examples.indexOf(example);
        examples.remove(example);
        example.item.delete();
        for (int i = index; i < examples.size(); i++) {
            label(examples.get(i), i + 1);
        }
        showCount();
        nameInput.focus();
    }

    private void label(Example example, int number) {
        String what = "example " + number + " of " + name;
        example.item.querySelector("img").setAttribute("alt", "Example " + number + " of " + name);
        example.item.querySelector("button").setAttribute("aria-label", "Remove " + what);
    }

    private void showCount() {
        count.setTextContent(examples.size() == 1 ? "1 example" : examples.size() + " examples");
    }

    /** Files dropped on the card, or pasted while it has the focus, are its examples, not photos to classify. */
    private void listenForFiles(Actions actions) {
        card.addEventListener("dragover", (TransferEvent event) -> {
            event.preventDefault();
            card.getClassList().add("teach-drop");
        });
        card.addEventListener("dragleave", (Event event) -> card.getClassList().remove("teach-drop"));
        card.addEventListener("drop", (TransferEvent event) -> {
            card.getClassList().remove("teach-drop");
            if (event.getDataTransfer() != null && event.getDataTransfer().getFiles().getLength() > 0) {
                markTaken(event);
                actions.addFiles(this, event.getDataTransfer().getFiles());
            }
        });
        card.addEventListener("paste", (TransferEvent event) -> {
            if (event.getClipboardData() != null && event.getClipboardData().getFiles().getLength() > 0) {
                markTaken(event);
                actions.addFiles(this, event.getClipboardData().getFiles());
            }
        });
    }

    /** The page's own drop and paste handling ({@link ImageIntake}) leaves files taken here alone. */
    @JSBody(params = "event", script = "event.preventDefault(); event.lensletTaken = true;")
    static native void markTaken(Event event);

    @JSBody(params = "event", script = "return event.lensletTaken === true;")
    static native boolean isTaken(Event event);
}
