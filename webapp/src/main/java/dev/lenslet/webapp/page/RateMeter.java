package dev.lenslet.webapp.page;

import java.util.ArrayDeque;
import java.util.Deque;

/** Events per second over the last {@value #WINDOW_MS} ms: steady enough to read, quick to follow changes. */
final class RateMeter {
    private static final double WINDOW_MS = 2000;

    private final Deque<Double> times = new ArrayDeque<>();

    /** Records an event at {@code nowMs} and returns the rate, 0 until there are two events. */
    double tick(double nowMs) {
        times.addLast(nowMs);
        while (times.peekFirst() < nowMs - WINDOW_MS) {
            times.removeFirst();
        }
        double span = nowMs - times.peekFirst();
        return span > 0 ? (times.size() - 1) * 1000 / span : 0;
    }

    void reset() {
        times.clear();
    }
}
