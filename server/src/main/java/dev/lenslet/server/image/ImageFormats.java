package dev.lenslet.server.image;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Recognises image formats by their first bytes: the four that are decoded, and formats that browsers, phones and
 * scanners save but Lenslet does not read, so that those are refused by name instead of as "not an image".
 */
public final class ImageFormats {
    /** The formats that reach a decoder, each through ImageIO's reader for that format and no other. */
    enum Readable {
        JPEG(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}),
        PNG(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}),
        BMP(new byte[] {'B', 'M'}),
        GIF(new byte[] {'G', 'I', 'F', '8'});

        private final byte[] magic;

        Readable(byte[] magic) {
            this.magic = magic;
        }

        /** The format these bytes start with, or null: the name or Content-Type they came with does not count. */
        static Readable of(byte[] head) {
            for (Readable format : values()) {
                if (startsWith(head, format.magic)) {
                    return format;
                }
            }
            return null;
        }
    }

    /** ISO-BMFF brands (bytes 8..11, after "ftyp") of HEIF images, as iPhones save them. */
    private static final Set<String> HEIF_BRANDS = Set.of("heic", "heix", "hevc", "hevx", "heim", "heis", "mif1",
            "msf1");
    private static final Set<String> AVIF_BRANDS = Set.of("avif", "avis");
    private static final byte[] JXL_CONTAINER = {0, 0, 0, 0x0C, 'J', 'X', 'L', ' ', 0x0D, 0x0A, (byte) 0x87, 0x0A};

    private ImageFormats() {
    }

    /** The name of an unsupported format these bytes start with (WebP, HEIC, AVIF, JPEG XL, TIFF), or null. */
    public static String unsupported(byte[] head) {
        if (ascii(head, 0, 4).equals("II*\0") || ascii(head, 0, 4).equals("MM\0*")) {
            return "TIFF";
        }
        if (ascii(head, 0, 4).equals("RIFF") && ascii(head, 8, 4).equals("WEBP")) {
            return "WebP";
        }
        if (ascii(head, 4, 4).equals("ftyp")) {
            String brand = ascii(head, 8, 4);
            if (HEIF_BRANDS.contains(brand)) {
                return "HEIC";
            }
            if (AVIF_BRANDS.contains(brand)) {
                return "AVIF";
            }
        }
        if (startsWith(head, new byte[] {(byte) 0xFF, 0x0A}) || startsWith(head, JXL_CONTAINER)) {
            return "JPEG XL";
        }
        return null;
    }

    /** What to tell the user about a format {@link #unsupported} named. */
    static String refusal(String format) {
        return format + " is not supported by this decoder; convert to JPEG or PNG";
    }

    private static String ascii(byte[] bytes, int from, int length) {
        return bytes.length < from + length ? "" : new String(bytes, from, length, StandardCharsets.ISO_8859_1);
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
