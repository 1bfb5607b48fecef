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
        if (outcome instanceof Outcome.Classified classified) {
            out.println(classified.file() + "  " + classified.width() + "x" + classified.height());
            for (Prediction prediction : classified.top()) {
                // Locale.ROOT: a decimal point whatever the user's locale, so the output is the same everywhere.
                out.println(String.format(Locale.ROOT, " %5.1f%%  %s", 100f * prediction.probability(), prediction.label()));
            }
            out.println("  (" + classified.millis() + " ms)");
            out.println();
            out.flush();
        } else if (outcome instanceof Outcome.Failed failed) {
            err.println(failed.file() + ": error: " + failed.error());
            err.flush();
        }
    }
}
