package dev.lenslet.server.image;

import dev.lenslet.server.IoErrors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

/** Turns the command's FILE|DIR arguments into the list of image files to classify, in a stable order. */
public final class ImageFiles {
    /**
     * File name endings searched for in directories; a file named explicitly is tried whatever its name. The
     * formats Lenslet cannot decode are listed too, so that each such photo is reported rather than skipped.
     */
    public static final List<String> EXTENSIONS = List.of("jpg", "jpeg", "png", "bmp", "gif", "rgb", "webp", "heic",
            "heif", "avif", "jxl");

    /** One file to classify, or a path that cannot be (with the reason), reported in its place in the order. */
    public record Entry(Path path, String problem) {
        static Entry of(Path path) {
            return new Entry(path, null);
        }
    }

    private ImageFiles() {
    }

    /** Files as given; directories replaced by their image files, sorted, recursively, skipping hidden ones. */
    public static List<Entry> expand(List<Path> arguments) {
        List<Entry> entries = new ArrayList<>();
        for (Path argument : arguments) {
            if (Files.isDirectory(argument)) {
                entries.addAll(imagesUnder(argument));
            } else if (Files.exists(argument)) {
                entries.add(Entry.of(argument));
            } else {
                entries.add(new Entry(argument, "no such file or directory; check the path"));
            }
        }
        return entries;
    }

    private static boolean hasImageExtension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot >= 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static List<Entry> imagesUnder(Path root) {
        List<Entry> found = new ArrayList<>();
        SimpleFileVisitor<Path> visitor = new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                // The root is searched even if hidden (such as "."): the user asked for it.
                return dir.equals(root) || !isHidden(dir) ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (attributes.isRegularFile() && !isHidden(file) && hasImageExtension(file)) {
                    found.add(Entry.of(file));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                if (file.equals(root) || !isHidden(file)) {
                    found.add(new Entry(file, "cannot read it: " + IoErrors.describe(e) + "; skipped"));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                if (e != null) {
                    found.add(new Entry(dir, "cannot list it completely: " + IoErrors.describe(e)));
                }
                return FileVisitResult.CONTINUE;
            }
        };
        try {
            Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, visitor);
        } catch (IOException e) {
            // Only the visitor's own exceptions get here, and it throws none: it records every failure instead.
            throw new UncheckedIOException(e);
        }
        found.sort(Comparator.comparing(Entry::path));
        return found;
    }

    private static boolean isHidden(Path path) {
        return path.getFileName().toString().startsWith(".");
    }
}
