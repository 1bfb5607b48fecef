package dev.lenslet.server.http;

/**
 * What the image endpoints are doing at one moment, as {@code /healthz} reports it.
 *
 * @param arriving  uploads whose body is still being read, at most {@code arrivingLimit}
 * @param admitted  images being decoded, classified or waiting for a classifier, at most {@code admittedLimit}
 */
record ImageLoad(int arriving, int arrivingLimit, int admitted, int admittedLimit) {
}
