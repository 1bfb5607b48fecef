package dev.lenslet.core.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MapSummaryTest {
    @Test
    void scalesToUnitAndFlatMapsToZero() {
        float[] map = {-2, 0, 2, 6};
        MapSummary.scaleToUnit(map, 4);
        assertArrayEquals(new float[] {0, 0.25f, 0.5f, 1}, map);
        float[] flat = {3, 3, 3};
        MapSummary.scaleToUnit(flat, 3);
        assertArrayEquals(new float[] {0, 0, 0}, flat);
    }

    @Test
    void namesTheThirdWhereTheHotCellsAre() {
        assertEquals("mostly the upper left", MapSummary.describe(hot(0, 0), 3, 3));
        assertEquals("mostly the upper middle", MapSummary.describe(hot(1, 0), 3, 3));
        assertEquals("mostly the right", MapSummary.describe(hot(2, 1), 3, 3));
        assertEquals("mostly the centre", MapSummary.describe(hot(1, 1), 3, 3));
        assertEquals("mostly the lower right", MapSummary.describe(hot(2, 2), 3, 3));
        assertEquals("spread over the whole image", MapSummary.describe(new float[] {1, 1, 1, 1, 1, 1, 1, 1, 1}, 3, 3));
        assertEquals("spread over the whole image", MapSummary.describe(new float[9], 3, 3));
    }

    private static float[] hot(int x, int y) {
        float[] map = new float[9];
        map[y * 3 + x] = 1f;
        return map;
    }
}
