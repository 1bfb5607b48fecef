package dev.lenslet.core.head;

import java.util.List;

/**
 * The rules a class name follows, the same for a new class and for a name read from a head file: any printable
 * text up to {@link #MAX_LENGTH} characters (markup stays literal text: whoever shows it renders it as text), no
 * control characters (refused, not stripped, so a name is never silently changed), not blank, and no two names
 * equal ignoring case ("Cat" and "cat" would be the same class to a person).
 */
final class ClassNames {
    static final int MAX_LENGTH = 100;

    private ClassNames() {
    }

    /** Throws unless {@code name} may join {@code existing} as a new class. */
    static void check(String name, List<String> existing) {
        int number = existing.size() + 1;
        if (name == null || name.trim().isEmpty()) {
            throw new InvalidHeadException("class " + number + " has no name; give every class a name");
        }
        if (name.length() > MAX_LENGTH) {
            throw new InvalidHeadException("class name \"" + name.substring(0, 20) + "…\" has " + name.length()
                    + " characters; use at most " + MAX_LENGTH);
        }
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            boolean pairedSurrogate = Character.isHighSurrogate(ch) && i + 1 < name.length()
                    && Character.isLowSurrogate(name.charAt(i + 1));
            if (pairedSurrogate) {
                i++;
            } else if (Character.isISOControl(ch) || Character.isSurrogate(ch)) {
                String code = Integer.toHexString(0x10000 | ch).substring(1).toUpperCase();
                throw new InvalidHeadException("class name " + number + " contains the control or invalid character"
                        + " U+" + code + " at position " + (i + 1) + "; use printable text only");
            }
        }
        for (String other : existing) {
            if (other.equalsIgnoreCase(name)) {
                throw new InvalidHeadException("two classes are named \"" + name + "\" (names are compared"
                        + " ignoring case); give each class its own name");
            }
        }
    }
}
