package dev.lenslet.webapp.page;

import java.util.List;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSString;
import org.teavm.jso.dom.events.Event;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.dom.html.HTMLInputElement;
import org.teavm.jso.file.File;

/**
 * #teach-export-examples saves the classes and their examples as an {@link ExamplesFile}; #teach-import-examples
 * adds those of such a file: to the class of the same name (ignoring case) where there is one, else to a new class.
 * A file that is damaged, or would make too many classes, changes nothing and is said why.
 */
final class ExampleFiles {
    private final TeachPanel panel;
    private final HTMLElement status = Dom.byId("teach-status");

    ExampleFiles(TeachPanel panel) {
        this.panel = panel;
    }

    void listen() {
        Dom.<HTMLElement>byId("teach-export-examples").addEventListener("click", (Event event) -> {
            if (panel.classes().isEmpty()) {
                panel.say("There are no classes to export yet: add a class and its examples first.");
            } else {
                Download.save(JSString.valueOf(ExamplesFile.write(panel.classes())), ExamplesFile.FILE_NAME,
                        "application/json");
            }
        });
        HTMLInputElement picker = Dom.byId("teach-import-examples");
        picker.addEventListener("change", (Event event) -> {
            if (picker.getFiles().getLength() > 0) {
                read(picker.getFiles().get(0));
            }
            picker.setValue("");
        });
    }

    private void read(File file) {
        panel.say(null);
        Download.textOf(file).then(text -> {
            add(text.stringValue(), file.getName());
            return null;
        }, error -> {
            panel.say(file.getName() + " could not be read: " + TeachStore.messageOf((JSObject) error) + ".");
            return null;
        });
    }

    private void add(String text, String fileName) {
        List<ExamplesFile.Imported> imported;
        try {
            imported = ExamplesFile.read(text, fileName);
        } catch (IllegalArgumentException e) {
            panel.say(e.getMessage());
            return;
        }
        String problem = problem(imported, fileName);
        if (problem != null) {
            panel.say(problem);
            return;
        }
        int examples = 0;
        for (ExamplesFile.Imported one : imported) {
            examples += one.examples().size();
            TaughtClass existing = panel.named(one.name());
            if (existing != null) {
                one.examples().forEach(example -> panel.add(existing, example));
            } else {
                panel.create(one.name(), created -> one.examples().forEach(example -> panel.add(created, example)));
            }
        }
        status.setTextContent("Added " + examples + " examples in " + imported.size() + " classes from " + fileName
                + ". Train to use them.");
    }

    /** Why the file's classes cannot all be added, or null if they can. */
    private String problem(List<ExamplesFile.Imported> imported, String fileName) {
        int newClasses = 0;
        for (int i = 0; i < imported.size(); i++) {
            ExamplesFile.Imported one = imported.get(i);
            for (int j = 0; j < i; j++) {
                if (imported.get(j).name().equalsIgnoreCase(one.name())) {
                    return fileName + " has two classes named \"" + one.name() + "\". Export the examples again.";
                }
            }
            if (panel.named(one.name()) == null) {
                String problem = panel.newClassProblem(one.name());
                if (problem != null) {
                    return fileName + " cannot be imported: " + problem;
                }
                newClasses++;
            }
        }
        if (panel.classes().size() + newClasses > TeachPanel.MAX_CLASSES) {
            return fileName + " would make " + (panel.classes().size() + newClasses) + " classes, but a head tells"
                    + " apart at most " + TeachPanel.MAX_CLASSES + ". Delete some classes, then import it again.";
        }
        return null;
    }
}
