package dev.lenslet.webapp.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The module's binary layout; that Chromium accepts and runs it is SimdKernelsIT's (server module) part. */
class WasmModuleTest {
    /** A reader of the sections the writer emits: ids and contents in order. */
    private static final class Reader {
        final byte[] bytes;
        int at;

        Reader(byte[] bytes, int at) {
            this.bytes = bytes;
            this.at = at;
        }

        long unsigned() {
            long value = 0;
            int shift = 0;
            int b;
            do {
                b = bytes[at++] & 0xFF;
                value |= (long) (b & 0x7F) << shift;
                shift += 7;
            } while ((b & 0x80) != 0);
            return value;
        }

        void skipSection() {
            at++;
            int size = (int) unsigned();
            at += size;
        }

        String name() {
            int length = (int) unsigned();
            String name = new String(bytes, at, length, StandardCharsets.UTF_8);
            at += length;
            return name;
        }
    }

    private static byte[] smallModule() {
        WasmModule module = new WasmModule();
        FunctionCode store = new FunctionCode("store_sum", ValueType.I32, ValueType.I32);
        int sum = store.local(ValueType.I32);
        store.get(0).get(1).op(Op.I32_ADD).set(sum).get(0).get(sum).storeByte(0);
        FunctionCode helper = new FunctionCode("helper");
        module.add(store, true);
        module.add(helper, false);
        return module.toBytes();
    }

    @Test
    void sectionsComeInTheSpecsOrderWithTheirDeclaredSizes() {
        byte[] module = smallModule();
        assertArrayEquals(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0}, Arrays.copyOf(module, 8));
        Reader reader = new Reader(module, 8);
        List<Integer> ids = new ArrayList<>();
        while (reader.at < module.length) {
            ids.add(module[reader.at++] & 0xFF);
            int size = (int) reader.unsigned();
            reader.at += size;
        }
        assertEquals(module.length, reader.at);
        assertEquals(List.of(1, 2, 3, 7, 10), ids);
    }

    @Test
    void importsUnsharedMemoryWithMinimumOnePageAndNoMaximum() {
        byte[] module = smallModule();
        Reader reader = new Reader(module, 8);
        reader.skipSection(); // types
        assertEquals(2, module[reader.at++]);
        reader.unsigned(); // size
        assertEquals(1, reader.unsigned());
        assertEquals("env", reader.name());
        assertEquals("memory", reader.name());
        assertEquals(2, module[reader.at++]); // memory
        assertEquals(0, module[reader.at++]); // limits: min only, not shared
        assertEquals(1, reader.unsigned());
    }

    @Test
    void exportsOnlyExportedFunctionsByName() {
        byte[] module = smallModule();
        Reader reader = new Reader(module, 8);
        for (int section = 0; section < 3; section++) {
            reader.skipSection(); // types, imports, functions
        }
        assertEquals(7, module[reader.at++]);
        reader.unsigned();
        assertEquals(1, reader.unsigned());
        assertEquals("store_sum", reader.name());
        assertEquals(0, module[reader.at++]); // function
        assertEquals(0, reader.unsigned());
    }

    @Test
    void functionBodyGroupsLocalsAndEnds() {
        FunctionCode f = new FunctionCode("f", ValueType.I32);
        assertEquals(1, f.local(ValueType.V128));
        assertEquals(2, f.local(ValueType.V128));
        assertEquals(3, f.local(ValueType.I32));
        f.get(0).simd(Simd.I32X4_SPLAT).set(1);
        // 2 runs (2 × v128, 1 × i32); local.get 0; 0xFD 17; local.set 1; end
        assertArrayEquals(new byte[] {2, 2, 0x7B, 1, 0x7F, 0x20, 0, (byte) 0xFD, 17, 0x21, 1, 0x0B}, f.body());
    }

    @Test
    void simdSubOpcodesAboveOneHundredTwentySevenTakeTwoBytes() {
        FunctionCode f = new FunctionCode("f");
        f.simd(Simd.I32X4_DOT_I16X8_S);
        assertArrayEquals(new byte[] {0, (byte) 0xFD, (byte) 0xBA, 0x01, 0x0B}, f.body());
    }

    @Test
    void rejectsUnclosedBlocksAndBadShuffles() {
        FunctionCode open = new FunctionCode("open");
        open.block();
        assertThrows(IllegalStateException.class, open::body);
        FunctionCode shuffle = new FunctionCode("shuffle");
        assertThrows(IllegalArgumentException.class, () -> shuffle.shuffle(new int[15]));
        int[] lanes = new int[16];
        lanes[3] = 32;
        assertThrows(IllegalArgumentException.class, () -> shuffle.shuffle(lanes));
    }
}
