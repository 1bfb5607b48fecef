package dev.lenslet.server;

/** Writes each outcome as soon as it is known, flushed, so long batches show results as they go. */
interface OutcomePrinter {
    void print(Outcome outcome);
}
