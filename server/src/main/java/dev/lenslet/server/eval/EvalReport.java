package dev.lenslet.server.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * What {@code lenslet eval} found, as text for a person or as one JSON object. Accuracies are over the labelled
 * photos that were classified; files without a label and files that failed are counted and listed apart.
 *
 * @param settings   how the photos were classified: folder, model, crop, arithmetic
 * @param files      image files found under the folder
 * @param unlabelled files whose names give no class, not classified
 * @param failed     labelled files that could not be classified (their error lines went to stderr)
 * @param comparedWith the second arithmetic compared, or null
 */
public record EvalReport(Settings settings, int files, List<String> unlabelled, int failed, EvalTally tally,
                         ClassNames classes, String comparedWith) {
    /** How many classes and confusions the report lists. */
    public static final int LISTED = 10;

    public record Settings(String folder, String model, String crop, String arithmetic) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public void printText(PrintWriter out) {
        out.println(settings.folder + ": " + files + " image files, " + tally.classified() + " labelled and classified, "
                + failed + " failed, " + unlabelled.size() + " without a label");
        out.println("model " + settings.model + ", crop " + settings.crop + ", " + settings.arithmetic
                + " arithmetic");
        out.println("top-1 accuracy: " + share(tally.top1(), tally.classified()));
        out.println("top-5 accuracy: " + share(tally.top5(), tally.classified()));
        if (comparedWith != null) {
            out.println("same top-1 in " + comparedWith + " arithmetic: "
                    + share(tally.sameTop1(), tally.compared()));
        }
        List<EvalTally.Missed> missed = tally.mostOftenWrong(LISTED);
        if (!missed.isEmpty()) {
            out.println("classes most often wrong (top-1):");
            missed.forEach(m -> out.println("  " + m.wrong() + " of " + m.of() + "  " + classes.label(m.index())));
        }
        List<EvalTally.Confusion> confusions = tally.mostFrequentConfusions(LISTED);
        if (!confusions.isEmpty()) {
            out.println("most frequent confusions (expected -> classified as):");
            confusions.forEach(c -> out.println("  " + c.count() + "  " + classes.label(c.expected()) + " -> "
                    + classes.label(c.predicted())));
        }
        if (!unlabelled.isEmpty()) {
            out.println("without a label (name a folder or file by WordNet id or label), not counted:");
            unlabelled.forEach(file -> out.println("  " + file));
        }
        out.flush();
    }

    public ObjectNode toJson() {
        ObjectNode json = MAPPER.createObjectNode()
                .put("folder", settings.folder).put("model", settings.model).put("crop", settings.crop)
                .put("arithmetic", settings.arithmetic)
                .put("files", files).put("classified", tally.classified()).put("failed", failed);
        json.set("top1", accuracy(tally.top1(), tally.classified()));
        json.set("top5", accuracy(tally.top5(), tally.classified()));
        if (comparedWith != null) {
            json.putObject("compare").put("arithmetic", comparedWith).put("sameTop1", tally.sameTop1())
                    .put("of", tally.compared()).put("share", fraction(tally.sameTop1(), tally.compared()));
        }
        ArrayNode wrong = json.putArray("mostOftenWrong");
        for (EvalTally.Missed m : tally.mostOftenWrong(LISTED)) {
            wrong.addObject().put("index", m.index()).put("label", classes.label(m.index()))
                    .put("wrong", m.wrong()).put("of", m.of());
        }
        ArrayNode confused = json.putArray("confusions");
        for (EvalTally.Confusion c : tally.mostFrequentConfusions(LISTED)) {
            ObjectNode pair = confused.addObject();
            pair.putObject("expected").put("index", c.expected()).put("label", classes.label(c.expected()));
            pair.putObject("classifiedAs").put("index", c.predicted()).put("label", classes.label(c.predicted()));
            pair.put("count", c.count());
        }
        ArrayNode unlabelledFiles = json.putArray("unlabelled");
        unlabelled.forEach(unlabelledFiles::add);
        return json;
    }

    private static ObjectNode accuracy(int hits, int of) {
        return MAPPER.createObjectNode().put("correct", hits).put("of", of)
                .put("accuracy", fraction(hits, of));
    }

    private static double fraction(int hits, int of) {
        return of == 0 ? 0.0 : (double) hits / of;
    }

    private static String share(int hits, int of) {
        return String.format(Locale.ROOT, "%.1f%% (%d of %d)", 100 * fraction(hits, of), hits, of);
    }
}
