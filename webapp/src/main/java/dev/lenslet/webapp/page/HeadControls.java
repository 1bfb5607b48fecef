package dev.lenslet.webapp.page;

import dev.lenslet.webapp.page.browser.ValueBar;
import java.util.List;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSArray;
import org.teavm.jso.core.JSArrayReader;
import org.teavm.jso.core.JSString;
import org.teavm.jso.dom.events.Event;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.dom.html.HTMLInputElement;
import org.teavm.jso.file.File;
import org.teavm.jso.typedarrays.ArrayBuffer;
import org.teavm.jso.typedarrays.Float32Array;
import org.teavm.jso.typedarrays.Int32Array;

/**
 * The Teach panel's head: #teach-train trains one on the classes' examples in a worker, with #teach-progress and
 * the loss in #teach-status; the #teach-use-head and #teach-use-imagenet radios switch what photos and the camera
 * show; #teach-export-head downloads the head file and #teach-import-head installs one. The head is kept in
 * IndexedDB and installed again on the next visit. What the core refuses (too few classes or examples, duplicate
 * names, a damaged head file or one of another model) is said in #teach-message in its own words.
 */
public final class HeadControls {
    static final String FILE_NAME = "lenslet-head.bin";

    private final WorkerPool pool;
    private final TaughtHead head;
    private final TeachPanel panel;
    private final HTMLElement trainButton = Dom.byId("teach-train");
    private final ValueBar progress = Dom.byId("teach-progress");
    private final HTMLElement status = Dom.byId("teach-status");
    private final HTMLInputElement useHead = Dom.byId("teach-use-head");
    private final HTMLInputElement useImageNet = Dom.byId("teach-use-imagenet");
    private final HTMLElement exportButton = Dom.byId("teach-export-head");
    private final HTMLInputElement importPicker = Dom.byId("teach-import-head");
    private ArrayBuffer file;

    public HeadControls(WorkerPool pool, TeachPanel panel) {
        this.pool = pool;
        this.head = new TaughtHead(pool);
        this.panel = panel;
    }

    public void listen() {
        trainButton.addEventListener("click", (Event event) -> train());
        useHead.addEventListener("change", (Event event) -> switchTo(true));
        useImageNet.addEventListener("change", (Event event) -> switchTo(false));
        exportButton.addEventListener("click", (Event event) -> Download.save(file, FILE_NAME,
                "application/octet-stream"));
        importPicker.addEventListener("change", (Event event) -> {
            if (importPicker.getFiles().getLength() > 0) {
                importHead(importPicker.getFiles().get(0));
            }
            importPicker.setValue("");
        });
        panel.listen(stored -> {
            if (stored != null && stored.getHead() != null) {
                restore(stored.getHead());
            }
        });
    }

    /** Installs the head kept from an earlier visit, in every worker as it loads the model, before any image. */
    private void restore(TeachStore.StoredHead kept) {
        install(kept.getFile(), kept.isUse(), "The head kept from your last visit", kept.isUse()
                ? "Your taught classes are back: new photos and the camera show them."
                : "Your taught head is back; choose \"Taught classes\" to classify with it.");
    }

    private void train() {
        List<TaughtClass> classes = panel.classes();
        InferenceWorker worker = pool.leastBusyWorker();
        if (worker == null) {
            panel.say("Cannot train yet: the model is not loaded. Wait until it is ready, then train.");
            return;
        }
        int total = 0;
        int length = 0;
        for (TaughtClass taught : classes) {
            total += taught.examples().size();
            if (!taught.examples().isEmpty()) {
                length = taught.examples().get(0).embedding.getLength();
            }
        }
        JSArray<JSString> names = JSArray.create();
        Float32Array embeddings = Float32Array.create(total * length);
        Int32Array classIndices = Int32Array.create(total);
        int example = 0;
        for (int c = 0; c < classes.size(); c++) {
            names.push(JSString.valueOf(classes.get(c).name()));
            for (TaughtClass.Example taught : classes.get(c).examples()) {
                embeddings.set(taught.embedding, example * length);
                classIndices.set(example++, c);
            }
        }
        panel.say(null);
        trainButton.setAttribute("disabled", "");
        progress.setValue(0);
        ((HTMLElement) progress).setHidden(false);
        status.setTextContent("Training on " + total + " examples…");
        int examples = total;
        worker.request(trainRequest(names, embeddings, classIndices),
                JSArray.of(embeddings.getBuffer(), classIndices.getBuffer()), new InferenceWorker.ReplyListener() {
                    @Override
                    public void progress(WorkerReply report) {
                        progress.setValue((double) report.getEpoch() / report.getMaxEpochs());
                        status.setTextContent("Training: epoch " + report.getEpoch() + ", loss "
                                + Format.threeDecimals(report.getLoss()));
                    }

                    @Override
                    public void replied(WorkerReply reply) {
                        trainButton.removeAttribute("disabled");
                        progress.setValue(1);
                        install(reply.getHead(), true, "The trained head", "Trained on " + examples
                                + " examples in " + reply.getEpochs() + " epochs: loss "
                                + Format.threeDecimals(reply.getLoss()) + ", " + Format.percent(reply.getAccuracy())
                                + " of the examples right. New photos and the camera now show the taught classes.");
                    }

                    @Override
                    public void failed(String message) {
                        trainButton.removeAttribute("disabled");
                        ((HTMLElement) progress).setHidden(true);
                        status.setTextContent("");
                        panel.say("Cannot train yet: " + message + ".");
                    }
                });
    }

    private void importHead(File chosen) {
        panel.say(null);
        Download.bytesOf(chosen).then(bytes -> {
            install(bytes, true, chosen.getName(), "Imported " + chosen.getName()
                    + ": new photos and the camera now show its classes.");
            return null;
        }, error -> {
            panel.say(chosen.getName() + " could not be read: " + TeachStore.messageOf((JSObject) error) + ".");
            return null;
        });
    }

    /**
     * Installs the head file in every worker and keeps it; then shows {@code done}, or says why the file cannot
     * be used, {@code what} naming it.
     */
    private void install(ArrayBuffer headFile, boolean use, String what, String done) {
        head.install(headFile, use, new InferenceWorker.ReplyListener() {
            @Override
            public void replied(WorkerReply reply) {
                file = headFile;
                exportButton.removeAttribute("disabled");
                useHead.removeAttribute("disabled");
                showMode(use);
                panel.say(null);
                status.setTextContent(done + " Classes: " + joined(reply.getClasses()) + ".");
                if (TeachStore.isAvailable()) {
                    panel.saved(TeachStore.saveHead(headFile, use), what);
                }
            }

            @Override
            public void failed(String message) {
                panel.say(what + " cannot be used: " + message + ".");
            }
        });
    }

    private void switchTo(boolean taught) {
        if (!head.hasHead()) {
            showMode(false);
            return;
        }
        head.use(taught);
        status.setTextContent(taught ? "New photos and the camera show the taught classes."
                : "New photos and the camera show ImageNet's classes.");
        if (TeachStore.isAvailable()) {
            panel.saved(TeachStore.saveHead(file, taught), "The choice of classes");
        }
    }

    private void showMode(boolean taught) {
        useHead.setChecked(taught);
        useImageNet.setChecked(!taught);
    }

    @JSBody(params = "names", script = "return names.join(', ');")
    private static native String joined(JSArrayReader<JSString> names);

    @JSBody(params = {"names", "embeddings", "classIndices"}, script = "return {type: 'train', names: names,"
            + " embeddings: embeddings, classIndices: classIndices};")
    private static native JSObject trainRequest(JSArray<JSString> names, Float32Array embeddings,
                                                Int32Array classIndices);
}
