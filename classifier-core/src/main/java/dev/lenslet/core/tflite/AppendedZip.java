package dev.lenslet.core.tflite;

import dev.lenslet.core.InvalidModelException;
import java.nio.charset.StandardCharsets;

/**
 * TFLite metadata tools append a ZIP of associated files (the label file) to the model. This finds the label
 * file in that ZIP's central directory. Only stored (uncompressed) entries are read, which is what the
 * metadata writer produces; TeaVM has no inflater.
 */
final class AppendedZip {
    private static final int END_OF_CENTRAL_DIR = 0x06054b50;
    private static final int CENTRAL_ENTRY = 0x02014b50;
    private static final int LOCAL_HEADER = 0x04034b50;

    private AppendedZip() {
    }

    /** Text of the first stored *.txt entry whose name mentions "label", or null if there is none. */
    static String labels(byte[] file) {
        FlatBuffer b = new FlatBuffer(file);
        int end = -1;
        // The end record is 22 bytes plus a comment of at most 65535 bytes.
        for (int p = file.length - 22; p >= Math.max(0, file.length - 22 - 65535); p--) {
            if (b.i32(p, "zip") == END_OF_CENTRAL_DIR) {
                end = p;
                break;
            }
        }
        if (end < 0) {
            return null;
        }
        try {
            int entries = b.u16(end + 10, "zip");
            int dir = b.i32(end + 16, "zip");
            for (int i = 0, p = dir; i < entries; i++) {
                if (b.i32(p, "zip") != CENTRAL_ENTRY) {
                    return null;
                }
                int method = b.u16(p + 10, "zip");
                int compressedSize = b.i32(p + 20, "zip");
                int nameLength = b.u16(p + 28, "zip");
                int extraLength = b.u16(p + 30, "zip");
                int commentLength = b.u16(p + 32, "zip");
                int localHeader = b.i32(p + 42, "zip");
                b.check(p + 46, nameLength, "zip");
                String name = new String(file, p + 46, nameLength, StandardCharsets.UTF_8).toLowerCase();
                if (method == 0 && name.endsWith(".txt") && name.contains("label")
                        && b.i32(localHeader, "zip") == LOCAL_HEADER) {
                    int data = localHeader + 30 + b.u16(localHeader + 26, "zip") + b.u16(localHeader + 28, "zip");
                    b.check(data, compressedSize, "zip");
                    return new String(file, data, compressedSize, StandardCharsets.UTF_8);
                }
                p += 46 + nameLength + extraLength + commentLength;
            }
        } catch (InvalidModelException damagedZip) {
            // A damaged appendix does not make the network unusable; labels can still come from a file.
            return null;
        }
        return null;
    }
}
