package dev.lenslet.webapp.page;

/**
 * Events per second over the last {@value #WINDOW_MS} ms: steady enough to read, quick to follow changes. The
 * times live in a ring of primitives, so that ticking once a frame allocates nothing.
 */
final class RateMeter {
    private static final double WINDOW_MS = 2000;
    /** More events than fit in the window at any rate the page reaches (a 120 Hz screen gives 240). */
    private static final int CAPACITY = 512;

    private final double[] times = new double[CAPACITY]; // [CAPACITY] ring: oldest at first, count in a row
    private int first;
    private int count;

    /** Records an event at {@code nowMs} and returns the rate, 0 until there are two events. */
    double tick(double nowMs) {
        if (count == CAPACITY) {
            drop();
        }
        times[(first + count) % CAPACITY] = nowMs;
        count++;
        while (times[first] < nowMs - WINDOW_MS) {
            drop();
        }
        double span = nowMs - times[first];
        return span > 0 ? (count - 1) * 1000 / span : 0;
    }

    void reset() {
        first = 0;
        count = 0;
    }

    private void drop() {
        first = (first + 1) % CAPACITY;
        count--;
    }
}
