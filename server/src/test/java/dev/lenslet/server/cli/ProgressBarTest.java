package dev.lenslet.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;


class ProgressBarTest {
    @Test
    void drawsInPlaceOnlyWhenTheTextChangesAndClearsItsLine() {
        StringWriter err = new StringWriter();
        ProgressBar bar = ProgressBar.ofFiles(new PrintWriter(err), "classifying", 4);

        bar.update(1);
        String first = err.toString();
        bar.update(1);
        assertEquals(first, err.toString(), "same progress, nothing redrawn");
        assertEquals("\rclassifying [#######-----------------------] 25% 1/4 files", first);

        bar.clear();
        assertEquals(first + "\r" + " ".repeat(first.length() - 1) + "\r", err.toString());
    }

    @Test
    void showsBytesWithOrWithoutATotal() {
        StringWriter err = new StringWriter();

        ProgressBar.ofBytes(new PrintWriter(err), "downloading", 4_000_000).update(1_000_000);
        ProgressBar.ofBytes(new PrintWriter(err), "downloading", -1).update(2_500_000);

        assertTrue(err.toString().contains("] 25% 1.0 MB/4.0 MB"), err.toString());
        assertTrue(err.toString().endsWith("\rdownloading 2.5 MB"), err.toString());
    }
}
