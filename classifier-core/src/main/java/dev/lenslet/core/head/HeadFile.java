package dev.lenslet.core.head;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

/**
 * A trained head as bytes, all numbers little-endian:
 * <pre>
 * offset  bytes  field
 *      0      8  magic "LNSLHEAD"
 *      8      4  format version, {@link #VERSION}
 *     12      4  length of the whole file in bytes
 *     16     32  SHA-256 of the model file the head was trained on
 *     48      4  embedding length D
 *     52      4  class count C (2..20)
 *     56         C class names, each a 2-byte length then that many bytes of UTF-8
 *                C×D float32 weights, class by class
 *                C float32 biases
 *    end−4    4  CRC-32 (as in ZIP) of every byte before it
 * </pre>
 * The reader checks every length against the bytes present before it reads, so a damaged file is refused with a
 * message saying what is wrong and never read out of bounds.
 */
public final class HeadFile {
    public static final int VERSION = 1;
    private static final byte[] MAGIC = "LNSLHEAD".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER = 56;
    /** No real network's embedding is longer; bounds what a damaged file can make the reader allocate. */
    private static final int MAX_EMBEDDING_LENGTH = 1 << 16;

    private HeadFile() {
    }

    /** The file for {@code head}: the same head always gives the same bytes. */
    public static byte[] write(Head head) {
        int classes = head.classCount(), length = head.embeddingLength();
        byte[][] names = new byte[classes][];
        int size = HEADER + 4 * classes * (length + 1) + 4;
        for (int c = 0; c < classes; c++) {
            names[c] = head.className(c).getBytes(StandardCharsets.UTF_8);
            size += 2 + names[c].length;
        }
        LittleEndian out = new LittleEndian(new byte[size]);
        out.putBytes(MAGIC);
        out.putInt32(VERSION);
        out.putInt32(size);
        out.putBytes(head.modelSha256());
        out.putInt32(length);
        out.putInt32(classes);
        for (byte[] name : names) {
            out.putInt16(name.length);
            out.putBytes(name);
        }
        for (float[] row : head.weights()) {
            for (float v : row) {
                out.putFloat32(v);
            }
        }
        for (float v : head.bias()) {
            out.putFloat32(v);
        }
        out.putInt32((int) crc(out.data, size - 4));
        return out.data;
    }

    /**
     * Reads a head file and checks that it belongs to the loaded model.
     *
     * @param modelSha256     SHA-256 of the loaded model file ({@link Sha256#digest})
     * @param embeddingLength the loaded model's embedding length
     * @throws InvalidHeadException if the file is not a head file, is truncated or damaged, has another format
     *                              version, or was trained on another model
     */
    public static Head read(byte[] file, byte[] modelSha256, int embeddingLength) {
        int size = file.length;
        if (size >= MAGIC.length && !Arrays.equals(Arrays.copyOf(file, MAGIC.length), MAGIC)) {
            throw new InvalidHeadException("this is not a Lenslet head file (it does not start with \"LNSLHEAD\");"
                    + " choose a head file exported by Lenslet");
        }
        if (size < 16) {
            throw truncated(size, "at least " + (HEADER + 4));
        }
        LittleEndian in = new LittleEndian(file);
        in.position = MAGIC.length;
        long version = in.int32() & 0xFFFFFFFFL;
        if (version != VERSION) {
            throw new InvalidHeadException("the head file has format version " + version
                    + " but this Lenslet reads version " + VERSION + "; " + (version > VERSION
                    ? "update Lenslet to read it" : "the file is damaged, export the head again"));
        }
        long declared = in.int32() & 0xFFFFFFFFL;
        if (declared != size) {
            if (declared > size) {
                throw truncated(size, Long.toString(declared));
            }
            throw new InvalidHeadException("the head file has " + size + " bytes but says it has " + declared
                    + ": it is damaged or has something appended; export or copy it again");
        }
        if (size < HEADER + 4 || (int) crc(file, size - 4) != new LittleEndian(file).at(size - 4).int32()) {
            throw new InvalidHeadException("the head file is damaged (its CRC-32 checksum does not match its"
                    + " contents); export or copy it again");
        }
        return parse(in, size - 4, modelSha256, embeddingLength);
    }

    /** The fields after the length, checksum already verified: a crafted file may still lie, so check each. */
    private static Head parse(LittleEndian in, int end, byte[] modelSha256, int embeddingLength) {
        byte[] trainedOn = in.bytes(Sha256.BYTES, end);
        int length = in.int32();
        int classes = in.int32();
        if (!Arrays.equals(trainedOn, modelSha256)) {
            throw new InvalidHeadException("the head was trained on another model: its model has SHA-256 "
                    + Sha256.hex(trainedOn) + " but the loaded model has " + Sha256.hex(modelSha256)
                    + "; load the model it was trained on, or teach the classes again with this one");
        }
        if (length != embeddingLength) {
            throw new InvalidHeadException("the head takes embeddings of " + length + " values but the model gives "
                    + embeddingLength + "; the file is damaged, export the head again");
        }
        if (length <= 0 || length > MAX_EMBEDDING_LENGTH || classes < 2 || classes > TrainingSet.MAX_CLASSES) {
            throw damaged("declares " + classes + " classes of " + length + " weights each");
        }
        List<String> names = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            int nameLength = in.int16(end);
            byte[] utf8 = in.bytes(nameLength, end);
            String name = new String(utf8, StandardCharsets.UTF_8);
            if (!Arrays.equals(name.getBytes(StandardCharsets.UTF_8), utf8)) {
                throw damaged("holds a class name that is not valid UTF-8");
            }
            ClassNames.check(name, names);
            names.add(name);
        }
        if ((long) 4 * classes * (length + 1) != end - in.position) {
            throw damaged("has " + (end - in.position) + " bytes for the weights of " + classes + " classes of "
                    + length + " values");
        }
        float[][] weights = new float[classes][length];
        float[] bias = new float[classes];
        for (float[] row : weights) {
            for (int d = 0; d < length; d++) {
                row[d] = in.finiteFloat32();
            }
        }
        for (int c = 0; c < classes; c++) {
            bias[c] = in.finiteFloat32();
        }
        return new Head(names.toArray(new String[0]), weights, bias, trainedOn);
    }

    private static long crc(byte[] data, int length) {
        CRC32 crc = new CRC32();
        crc.update(data, 0, length);
        return crc.getValue();
    }

    private static InvalidHeadException truncated(int size, String expected) {
        return new InvalidHeadException("the head file is truncated: it has " + size + " bytes of " + expected
                + "; export or copy it again");
    }

    static InvalidHeadException damaged(String what) {
        return new InvalidHeadException("the head file is damaged: it " + what + "; export the head again");
    }
}
