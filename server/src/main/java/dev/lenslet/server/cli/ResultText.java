package dev.lenslet.server.cli;

import dev.lenslet.core.Prediction;
import dev.lenslet.server.inference.Outcome;
import dev.lenslet.server.inference.OutcomePrinter;
import java.io.PrintWriter;
import java.util.Locale;

/** Human output: a block per classified image on stdout, a one-line error per failed file on stderr. */
final class ResultText implements OutcomePrinter {
    private final PrintWriter out;
    private final PrintWriter err;

    ResultText(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public void print(Outcome outcome) {
        if (outcome instanceof Outcome.Explained explained) {
            print(explained.classified(), "  where it looked for " + explained.classified().top().get(0).label()
                    + ": " + explained.saliency().description());
        } else if (outcome instanceof Outcome.Classified classified) {
            print(classified, null);
        } else if (outcome instanceof Outcome.Failed failed) {
            err.println(failed.file() + ": error: " + failed.error());
            err.flush();
        }
    }

    /** @param note a line to add after the classes, or null */
    private void print(Outcome.Classified classified, String note) {
        out.println(classified.file() + "  " + classified.width() + "x" + classified.height());
        for (Prediction prediction : classified.top()) {
            // Locale.ROOT: a decimal point whatever the user's locale, so the output is the same everywhere.
            out.println(String.format(Locale.ROOT, " %5.1f%%  %s", 100f * prediction.probability(), prediction.label()));
        }
        if (note != null) {
            out.println(note);
        }
        out.println("  (" + classified.millis() + " ms)");
        out.println();
        out.flush();
    }
}
