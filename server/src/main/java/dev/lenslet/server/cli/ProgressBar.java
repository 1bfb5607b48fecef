package dev.lenslet.server.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongFunction;

/**
 * A one-line progress bar, redrawn in place with carriage returns. It goes to stderr so stdout stays clean for
 * results; callers {@link #clear()} it before printing anything else, so the two never share a line.
 */
public final class ProgressBar {
    private static final int BAR_WIDTH = 30;

    private final PrintWriter err;
    private final String label;
    /** -1 when unknown: then only the amount done is shown. */
    private final long total;
    private final LongFunction<String> amount;
    private String shown = "";

    private ProgressBar(PrintWriter err, String label, long total, LongFunction<String> amount) {
        this.err = err;
        this.label = label;
        this.total = total;
        this.amount = amount;
    }

    /** @param doing what is done to the files, e.g. "classifying" */
    static ProgressBar ofFiles(PrintWriter err, String doing, int total) {
        return new ProgressBar(err, doing, total, done -> done + "/" + total + " files");
    }

    /** @param total the size in bytes, or -1 if unknown */
    public static ProgressBar ofBytes(PrintWriter err, String label, long total) {
        return new ProgressBar(err, label, total,
                done -> total < 0 ? megabytes(done) : megabytes(done) + "/" + megabytes(total));
    }

    /** Shows {@code done} units of work finished; redraws only when the text changes, to keep the output small. */
    public void update(long done) {
        String line = render(done);
        if (!line.equals(shown)) {
            // Padding erases what is left of a longer previous line.
            err.print("\r" + line + " ".repeat(Math.max(0, shown.length() - line.length())));
            err.flush();
            shown = line;
        }
    }

    /** Erases the bar, leaving the cursor at the start of the empty line. */
    public void clear() {
        if (!shown.isEmpty()) {
            err.print("\r" + " ".repeat(shown.length()) + "\r");
            err.flush();
            shown = "";
        }
    }

    private String render(long done) {
        if (total <= 0) {
            return label + " " + amount.apply(done);
        }
        int filled = (int) (BAR_WIDTH * Math.min(done, total) / total);
        return label + " [" + "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled) + "] "
                + (100 * Math.min(done, total) / total) + "% " + amount.apply(done);
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
