package dev.lenslet.server.inference;

/** Writes each outcome as soon as it is known, flushed, so long batches show results as they go. */
public interface OutcomePrinter {
    void print(Outcome outcome);
}
