package dev.lenslet.server.eval;

import dev.lenslet.core.Labels;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the class a labelled photo belongs to from its path: the file name (without extension) first, then each
 * folder name up to the evaluated folder. A name gives a class if it holds an ImageNet WordNet id as a token
 * ({@code n01440764}, {@code n01440764_10026}, {@code ILSVRC2012_val_00000001_n01440764}) or is exactly one of the
 * comma-separated names of a label line, case-insensitive, with underscores read as spaces ({@code hot_dog}). A
 * name shared by two classes ("crane": the bird and the machine) gives none: a label is never guessed.
 */
public final class ClassNames {
    /** The standard 1000-class synset order (see the README beside it): line i is class i. */
    private static final String SYNSETS = "imagenet_synsets.txt";
    private static final Pattern WORDNET_ID = Pattern.compile("(?<![a-z0-9])(n\\d{8})(?!\\d)");
    private static final int AMBIGUOUS = -1;

    private final Labels labels;
    private final int offset;
    private final Map<String, Integer> wordNetIds = new HashMap<>();
    private final Map<String, Integer> names = new HashMap<>();

    /**
     * @param labels the model's label lines; a first line "background" is the model's extra output, not a class
     */
    public ClassNames(Labels labels) {
        this.labels = labels;
        this.offset = labels.size() > 0 && labels.name(0).equalsIgnoreCase("background") ? 1 : 0;
        int classes = labels.size() - offset;
        List<String> synsets = synsets();
        if (classes == synsets.size()) {
            for (int i = 0; i < classes; i++) {
                wordNetIds.put(synsets.get(i), i);
            }
        }
        for (int i = 0; i < classes; i++) {
            for (String name : labels.line(i + offset).split(",")) {
                names.merge(normalise(name), i, (first, second) -> first.equals(second) ? first : AMBIGUOUS);
            }
        }
    }

    /** The class of the file at {@code relative} (a path below the evaluated folder), or -1 if no name gives one. */
    public int classOf(Path relative) {
        String file = relative.getFileName().toString();
        int dot = file.lastIndexOf('.');
        int found = classNamed(dot > 0 ? file.substring(0, dot) : file);
        for (Path folder = relative.getParent(); found < 0 && folder != null; folder = folder.getParent()) {
            found = classNamed(folder.getFileName().toString());
        }
        return found;
    }

    /** The first name of class {@code index}'s label line, as the classifier reports it. */
    public String label(int index) {
        return labels.name(index + offset);
    }

    /** The class a single file or folder name gives, or -1. */
    int classNamed(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        Matcher id = WORDNET_ID.matcher(lower);
        while (id.find()) {
            Integer known = wordNetIds.get(id.group(1));
            if (known != null) {
                return known;
            }
        }
        Integer named = names.get(normalise(name));
        return named == null ? -1 : named;
    }

    private static String normalise(String name) {
        return name.replace('_', ' ').trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    private static List<String> synsets() {
        try (InputStream in = ClassNames.class.getResourceAsStream(SYNSETS)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the built-in " + SYNSETS, e);
        }
    }
}
