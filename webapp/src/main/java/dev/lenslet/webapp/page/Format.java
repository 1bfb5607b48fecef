package dev.lenslet.webapp.page;

/** Numbers as the page shows them. TeaVM's String.format is avoided: it pulls in a lot of code. */
final class Format {
    private Format() {
    }

    /** 0.7843 → "78.4%". */
    static String percent(double probability) {
        return oneDecimal(probability * 100) + "%";
    }

    /** 3610798 → "3.6" (megabytes as storage is sold: 10^6 bytes). */
    static String megabytes(double bytes) {
        return oneDecimal(bytes / 1e6);
    }

    /** 12.34 → "12.3"; 0 → "0.0". */
    static String oneDecimal(double value) {
        long tenths = Math.round(value * 10);
        return tenths / 10 + "." + tenths % 10;
    }

    /** 0.01234 → "0.012": a training loss, whose changes show in the third decimal. */
    static String threeDecimals(double value) {
        long thousandths = Math.round(value * 1000);
        String digits = Long.toString(1000 + thousandths % 1000).substring(1);
        return thousandths / 1000 + "." + digits;
    }
}
