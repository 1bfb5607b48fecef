package dev.lenslet.webapp.page;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSArrayReader;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.dom.events.Event;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.dom.html.HTMLInputElement;
import org.teavm.jso.file.File;
import org.teavm.jso.typedarrays.Float32Array;

/**
 * The Teach panel's classes: adding, renaming and deleting them (2 to {@value #MAX_CLASSES}), and their examples
 * from photos and the camera, all kept in IndexedDB ({@link TeachStore}) as they change. Problems are said in
 * #teach-message; when the device has no room to keep a change, #storage-notice shows as well.
 */
public final class TeachPanel implements TaughtClass.Actions {
    static final int MAX_CLASSES = 20;
    /** As the core's class names: longer ones are refused when training. */
    private static final int MAX_NAME_LENGTH = 100;

    private final ExampleMaker examples;
    private final List<TaughtClass> classes = new ArrayList<>();
    private final HTMLElement list = Dom.byId("teach-classes");
    private final HTMLInputElement newName = Dom.byId("teach-class-name");
    private final HTMLElement message = Dom.byId("teach-message");
    private final boolean persistent = TeachStore.isAvailable();
    private int unsavedIds;

    public TeachPanel(WorkerPool pool, ImageDecoder decoder, FrameGrabber grabber, CropChoice crop) {
        this.examples = new ExampleMaker(pool, decoder, grabber, crop);
    }

    /** Shows the classes kept from earlier visits, then {@code restored} gets what was kept (null if nothing). */
    void listen(Consumer<TeachStore.Stored> restored) {
        HTMLElement form = Dom.byId("teach-add-class");
        form.addEventListener("submit", (Event event) -> {
            event.preventDefault();
            addClass(newName.getValue().trim());
        });
        new ExampleFiles(this).listen();
        if (!persistent) {
            say("This browser does not let Lenslet keep your classes: they last only until you leave the page.");
            restored.accept(null);
            return;
        }
        TeachStore.load().then(stored -> {
            for (int c = 0; c < stored.getClasses().getLength(); c++) {
                TeachStore.StoredClass kept = stored.getClasses().get(c);
                TaughtClass taught = show(kept.getId(), kept.getName());
                for (int e = 0; e < kept.getExamples().getLength(); e++) {
                    TeachStore.StoredExample example = kept.getExamples().get(e);
                    taught.add(new TaughtClass.Example(example.getId(), example.getEmbedding(),
                            example.getThumbnail()), this);
                }
            }
            restored.accept(stored);
            return null;
        }, error -> {
            say("Your taught classes could not be read from this device's storage: "
                    + TeachStore.messageOf((JSObject) error) + ". New ones are kept while the page is open.");
            restored.accept(null);
            return null;
        });
    }

    List<TaughtClass> classes() {
        return classes;
    }

    /** Shows {@code text} in #teach-message, or hides it when null. */
    void say(String text) {
        message.setTextContent(text == null ? "" : text);
        message.setHidden(text == null);
    }

    private void addClass(String name) {
        String problem = newClassProblem(name);
        if (problem != null) {
            say(problem);
            return;
        }
        say(null);
        newName.setValue("");
        create(name, taught -> {
        });
    }

    /** Adds a class whose name has been checked, and gives it to {@code then} once it is stored. */
    void create(String name, Consumer<TaughtClass> then) {
        if (!persistent) {
            then.accept(show(--unsavedIds, name));
            return;
        }
        TeachStore.addClass(name).then(id -> {
            then.accept(show(TeachStore.asId(id), name));
            return null;
        }, error -> {
            then.accept(show(--unsavedIds, name));
            saveFailed("The class \"" + name + "\"", error);
            return null;
        });
    }

    /** The class named {@code name}, ignoring case, or null. */
    TaughtClass named(String name) {
        for (TaughtClass taught : classes) {
            if (taught.name().equalsIgnoreCase(name)) {
                return taught;
            }
        }
        return null;
    }

    private TaughtClass show(int id, String name) {
        TaughtClass taught = new TaughtClass(id, name, this);
        classes.add(taught);
        list.appendChild(taught.element());
        new ExampleRecorder(examples, this).bind(taught);
        return taught;
    }

    /** Why a class named {@code name} cannot be added, or null if it can. */
    String newClassProblem(String name) {
        if (classes.size() == MAX_CLASSES) {
            return "A head tells apart at most " + MAX_CLASSES + " classes. Delete one before adding \"" + name + "\".";
        }
        return nameProblem(name, null);
    }

    /** Why {@code name} cannot name a class (other than {@code renamed}), or null if it can. */
    private String nameProblem(String name, TaughtClass renamed) {
        if (name.isEmpty()) {
            return "Type a name for the class first.";
        }
        if (name.length() > MAX_NAME_LENGTH) {
            return "A class name has at most " + MAX_NAME_LENGTH + " characters; this one has " + name.length() + ".";
        }
        for (TaughtClass other : classes) {
            if (other != renamed && other.name().equalsIgnoreCase(name)) {
                return "There is already a class named \"" + other.name() + "\". Give each class its own name.";
            }
        }
        return null;
    }

    @Override
    public void rename(TaughtClass taught, String name) {
        String trimmed = name.trim();
        String problem = nameProblem(trimmed, taught);
        if (problem != null) {
            say(problem);
            taught.setName(taught.name());
            return;
        }
        say(null);
        taught.setName(trimmed);
        if (isSaved(taught)) {
            saved(TeachStore.renameClass(taught.id, trimmed), "The new name \"" + trimmed + "\"");
        }
    }

    @Override
    public void delete(TaughtClass taught) {
        classes.remove(taught);
        taught.element().delete();
        newName.focus();
        if (isSaved(taught)) {
            saved(TeachStore.deleteClass(taught.id), "Deleting the class \"" + taught.name() + "\"");
        }
    }

    @Override
    public void addFiles(TaughtClass taught, JSArrayReader<File> files) {
        say(null);
        for (int i = 0; i < files.getLength(); i++) {
            examples.fromFile(files.get(i), exampleListener(taught));
        }
    }

    /** Adds each example made to {@code taught}, unless it has been deleted since; says why one failed. */
    ExampleMaker.Listener exampleListener(TaughtClass taught) {
        return new ExampleMaker.Listener() {
            @Override
            public void made(Float32Array embedding, String thumbnail) {
                if (classes.contains(taught)) {
                    add(taught, new TaughtClass.Example(0, embedding, thumbnail));
                }
            }

            @Override
            public void failed(String text) {
                say(text);
            }
        };
    }

    /** Adds the example to the class and stores it. */
    void add(TaughtClass taught, TaughtClass.Example example) {
        taught.add(example, this);
        if (!isSaved(taught)) {
            return;
        }
        TeachStore.addExample(taught.id, example.embedding, example.thumbnail).then(id -> {
            example.id = TeachStore.asId(id);
            if (example.removed) {
                saved(TeachStore.deleteExample(example.id), "Removing an example");
            }
            return null;
        }, error -> {
            saveFailed("An example of \"" + taught.name() + "\"", error);
            return null;
        });
    }

    @Override
    public void remove(TaughtClass taught, TaughtClass.Example example) {
        taught.remove(example);
        example.removed = true;
        if (isSaved(taught) && example.id != 0) {
            saved(TeachStore.deleteExample(example.id), "Removing an example");
        }
    }

    /** Whether the class is in IndexedDB (it is not when storage is missing or refused it). */
    private boolean isSaved(TaughtClass taught) {
        return persistent && taught.id > 0;
    }

    /** Says so if the write fails; {@code what} names the change, as the start of a sentence. */
    void saved(JSPromise<JSObject> write, String what) {
        write.then(done -> null, error -> {
            saveFailed(what, error);
            return null;
        });
    }

    private void saveFailed(String what, Object error) {
        if (TeachStore.isQuotaError((JSObject) error)) {
            Dom.<HTMLElement>byId("storage-notice").setHidden(false);
            say(what + " was not saved: this device has no storage left for it. It is kept until you leave the"
                    + " page; free some space to keep it for good.");
        } else {
            say(what + " was not saved on this device: " + TeachStore.messageOf((JSObject) error) + ".");
        }
    }
}
