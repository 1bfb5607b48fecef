package dev.lenslet.server.image;

import dev.lenslet.core.image.Pixels;

/** Decoded pixels and the memory reserved for them, given back on close, once they are no longer used. */
public record DecodedImage(Pixels pixels, MemoryBudget.Reservation memory) implements AutoCloseable {
    @Override
    public void close() {
        memory.close();
    }
}
