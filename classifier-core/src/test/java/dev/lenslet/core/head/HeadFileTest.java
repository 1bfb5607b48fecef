package dev.lenslet.core.head;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A head file reads back bit for bit; every damaged, truncated, other-version or other-model file is refused. */
class HeadFileTest {
    private static final int LENGTH = 6;
    private static Head head;
    private static byte[] file;

    @BeforeAll
    static void trainSmallHead() {
        SyntheticExamples data = new SyntheticExamples(3, LENGTH, 7);
        TrainingSet set = new TrainingSet(SyntheticExamples.MODEL_SHA, LENGTH);
        for (String name : new String[] {"<b>cat</b> & \"dog\"", "chickadée 🐦", "insect"}) {
            set.addClass(name);
        }
        for (int i = 0; i < 5; i++) {
            for (int c = 0; c < 3; c++) {
                set.add(c, data.example(c));
            }
        }
        head = HeadTrainer.train(set);
        file = HeadFile.write(head);
    }

    @Test
    void roundTripsBitForBit() {
        Head read = HeadFile.read(file, SyntheticExamples.MODEL_SHA, LENGTH);
        assertArrayEquals(file, HeadFile.write(read));
        assertEquals("<b>cat</b> & \"dog\"", read.className(0), "markup stays literal text");
        assertEquals("chickadée 🐦", read.className(1));
        for (int c = 0; c < 3; c++) {
            assertArrayEquals(bits(head.weights()[c]), bits(read.weights()[c]));
        }
        assertArrayEquals(bits(head.bias()), bits(read.bias()));
        assertArrayEquals(SyntheticExamples.MODEL_SHA, read.modelSha256());
        float[] x = new SyntheticExamples(3, LENGTH, 8).example(1);
        assertEquals(head.classify(x, 3).toString(), read.classify(x, 3).toString());
    }

    @Test
    void layoutIsTheDocumentedOne() {
        assertEquals("LNSLHEAD", new String(file, 0, 8, StandardCharsets.US_ASCII));
        assertEquals(HeadFile.VERSION, new LittleEndian(file).at(8).int32());
        assertEquals(file.length, new LittleEndian(file).at(12).int32());
        assertArrayEquals(SyntheticExamples.MODEL_SHA, Arrays.copyOfRange(file, 16, 48));
        assertEquals(LENGTH, new LittleEndian(file).at(48).int32());
        assertEquals(3, new LittleEndian(file).at(52).int32());
        int names = 0;
        for (int c = 0; c < 3; c++) {
            names += 2 + head.className(c).getBytes(StandardCharsets.UTF_8).length;
        }
        assertEquals(56 + names + 4 * 3 * (LENGTH + 1) + 4, file.length);
    }

    @Test
    void everyTruncationIsRefused() {
        for (int size = 0; size < file.length; size++) {
            byte[] cut = Arrays.copyOf(file, size);
            String message = refusal(cut, SyntheticExamples.MODEL_SHA);
            assertTrue(message.contains("truncated"), size + " bytes: " + message);
        }
    }

    @Test
    void everyFlippedByteIsRefused() {
        for (int at = 0; at < file.length; at++) {
            byte[] altered = file.clone();
            altered[at] ^= 0x20;
            String message = refusal(altered, SyntheticExamples.MODEL_SHA);
            String expected = at < 8 ? "not a Lenslet head file" : at < 12 ? "format version"
                    : at < 16 ? "bytes" : "damaged";
            assertTrue(message.contains(expected), "byte " + at + ": " + message);
        }
    }

    @Test
    void headOfAnotherModelIsRefused() {
        byte[] otherModel = Sha256.digest(new byte[] {1});
        String message = refusal(file, otherModel);
        assertTrue(message.startsWith("the head was trained on another model: its model has SHA-256 "
                + Sha256.hex(SyntheticExamples.MODEL_SHA)), message);
        assertTrue(message.contains("the loaded model has " + Sha256.hex(otherModel)), message);
    }

    @Test
    void otherEmbeddingLengthIsRefused() {
        InvalidHeadException e = assertThrows(InvalidHeadException.class,
                () -> HeadFile.read(file, SyntheticExamples.MODEL_SHA, 1280));
        assertTrue(e.getMessage().contains("embeddings of " + LENGTH + " values but the model gives 1280"),
                e.getMessage());
    }

    @Test
    void newerVersionAsksForANewerLenslet() {
        byte[] newer = file.clone();
        new LittleEndian(newer).at(8).putInt32(2);
        assertEquals("the head file has format version 2 but this Lenslet reads version 1; update Lenslet to read it",
                refusal(newer, SyntheticExamples.MODEL_SHA));
    }

    @Test
    void appendedBytesAreRefused() {
        byte[] longer = Arrays.copyOf(file, file.length + 1);
        assertTrue(refusal(longer, SyntheticExamples.MODEL_SHA).contains("something appended"));
    }

    /** A file whose checksum was recomputed after its fields were changed is still checked field by field. */
    @Test
    void consistentChecksumDoesNotHideBadFields() {
        byte[] tooManyClasses = file.clone();
        new LittleEndian(tooManyClasses).at(52).putInt32(21);
        assertTrue(refusal(rechecksummed(tooManyClasses), SyntheticExamples.MODEL_SHA).contains("declares 21 classes"));
        byte[] nanWeight = file.clone();
        new LittleEndian(nanWeight).at(file.length - 8).putFloat32(Float.NaN);
        assertTrue(refusal(rechecksummed(nanWeight), SyntheticExamples.MODEL_SHA).contains("NaN"));
        byte[] longName = file.clone();
        new LittleEndian(longName).at(56).putInt16(60000);
        assertTrue(refusal(rechecksummed(longName), SyntheticExamples.MODEL_SHA).contains("needs 60000 bytes"));
    }

    @Test
    void otherFilesAreNotHeadFiles() {
        assertTrue(refusal("TFL3 model bytes".getBytes(StandardCharsets.US_ASCII), SyntheticExamples.MODEL_SHA)
                .contains("not a Lenslet head file"));
    }

    private static String refusal(byte[] bytes, byte[] modelSha) {
        return assertThrows(InvalidHeadException.class, () -> HeadFile.read(bytes, modelSha, LENGTH)).getMessage();
    }

    private static byte[] rechecksummed(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 4);
        new LittleEndian(bytes).at(bytes.length - 4).putInt32((int) crc.getValue());
        return bytes;
    }

    private static int[] bits(float[] values) {
        int[] bits = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Float.floatToRawIntBits(values[i]);
        }
        return bits;
    }
}
