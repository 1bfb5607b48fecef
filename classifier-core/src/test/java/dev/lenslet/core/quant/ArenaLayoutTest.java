package dev.lenslet.core.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The arena plan the SIMD kernels rely on: every region 16-byte aligned with at least 16 bytes after it that no
 * other region uses (the kernels read up to 15 bytes past an input), and each region's initial content in place.
 */
class ArenaLayoutTest {
    @Test
    void regionsAreAlignedAndApartByTheGuard() {
        Random random = new Random(13);
        ArenaLayout layout = new ArenaLayout();
        int[] at = new int[200], length = new int[200];
        for (int r = 0; r < at.length; r++) {
            length[r] = random.nextInt(5) == 0 ? 0 : random.nextInt(3000);
            at[r] = switch (r % 3) {
                case 0 -> layout.scratch(length[r]);
                case 1 -> layout.filled(length[r], r);
                default -> layout.constant(new byte[length[r]]);
            };
        }
        for (int r = 0; r < at.length; r++) {
            assertEquals(0, at[r] % ArenaLayout.ALIGN, "region " + r + " at " + at[r]);
            int end = r + 1 < at.length ? at[r + 1] : layout.size();
            assertTrue(end - (at[r] + length[r]) >= ArenaLayout.GUARD,
                    "region " + r + " of " + length[r] + " bytes at " + at[r] + ", next region at " + end);
        }
    }

    @Test
    void initializeWritesConstantsAndFillsAndLeavesScratch() {
        ArenaLayout layout = new ArenaLayout();
        byte[] constant = {1, 2, 3, 4, 5};
        int scratch = layout.scratch(7), filled = layout.filled(9, 0xAB), placed = layout.constant(constant);
        HeapArena arena = new HeapArena();
        arena.allocate(layout.size(), new int[0]);
        arena.fill(0, layout.size(), 0x11);
        layout.initialize(arena);

        byte[] bytes = arena.bytes;
        assertArrayEquals(constant, Arrays.copyOfRange(bytes, placed, placed + constant.length));
        for (int i = 0; i < 9; i++) {
            assertEquals((byte) 0xAB, bytes[filled + i], "filled byte " + i);
        }
        for (int i = 0; i < 7; i++) {
            assertEquals(0x11, bytes[scratch + i], "scratch byte " + i + " is left as it was");
        }
        assertEquals(0x11, bytes[placed + constant.length], "the guard after a constant is left as it was");
    }
}
