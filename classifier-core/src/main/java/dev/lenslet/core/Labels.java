package dev.lenslet.core;

import java.util.ArrayList;
import java.util.List;

/** Class names, one line per model output ("tench, Tinca tinca": the first name is the label shown). */
public final class Labels {
    private final String[] lines;

    private Labels(String[] lines) {
        this.lines = lines;
    }

    public static Labels parse(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            String line = text.substring(start, end).trim();
            lines.add(line);
            start = end + 1;
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return new Labels(lines.toArray(new String[0]));
    }

    public int size() {
        return lines.length;
    }

    /** The whole line for entry {@code i}, synonyms included. */
    public String line(int i) {
        return lines[i];
    }

    /** The first name on line {@code i}. */
    public String name(int i) {
        String line = lines[i];
        int comma = line.indexOf(',');
        return comma < 0 ? line : line.substring(0, comma).trim();
    }
}
