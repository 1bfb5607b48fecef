package dev.lenslet.server.http;

/**
 * What the image endpoints are doing at one moment, as {@code /healthz} reports it.
 *
 * @param arriving    uploads whose body is still being read, at most {@code arrivingLimit}
 * @param admitted    images being decoded, classified or waiting for a classifier, at most {@code admittedLimit}
 * @param memoryFree  bytes of the memory budgets for images ({@link dev.lenslet.server.image.MemoryBudget}) that no
 *                    upload or decode holds
 * @param memoryLimit the whole budgets: half of the heap left free once the classifiers were loaded
 */
record ImageLoad(int arriving, int arrivingLimit, int admitted, int admittedLimit, long memoryFree,
                 long memoryLimit) {
}
