package dev.lenslet.core.graph;

import java.util.ArrayList;
import java.util.List;

/**
 * Plans activation buffers (slots) so that tensors whose lifetimes do not overlap share one: a tensor takes the
 * smallest free slot that fits, else the largest free one grown, else a new one. Pinned tensors (the model output
 * and the pooled features, read after the run) get slots of their own that are never reused.
 */
final class BufferPlanner {
    private final List<Integer> sizes = new ArrayList<>();
    private final List<Boolean> free = new ArrayList<>();

    /** A new slot of {@code size} values that no later tensor takes. */
    int pinned(int size) {
        sizes.add(size);
        free.add(Boolean.FALSE);
        return sizes.size() - 1;
    }

    /** Smallest free slot that fits, the largest free one grown when none does, or a new one. */
    int allocate(int size) {
        int best = -1;
        int largestFree = -1;
        for (int s = 0; s < sizes.size(); s++) {
            if (!free.get(s)) {
                continue;
            }
            if (sizes.get(s) >= size && (best < 0 || sizes.get(s) < sizes.get(best))) {
                best = s;
            }
            if (largestFree < 0 || sizes.get(s) > sizes.get(largestFree)) {
                largestFree = s;
            }
        }
        if (best < 0 && largestFree >= 0) {
            sizes.set(largestFree, size);
            best = largestFree;
        }
        if (best < 0) {
            return pinned(size);
        }
        free.set(best, Boolean.FALSE);
        return best;
    }

    /** The tensor in {@code slot} is read for the last time: later tensors may take the slot. */
    void release(int slot) {
        free.set(slot, Boolean.TRUE);
    }

    /** Planned size of every slot, in values. */
    int[] sizes() {
        int[] out = new int[sizes.size()];
        for (int s = 0; s < out.length; s++) {
            out[s] = sizes.get(s);
        }
        return out;
    }

    long totalValues() {
        long n = 0;
        for (int size : sizes) {
            n += size;
        }
        return n;
    }
}
