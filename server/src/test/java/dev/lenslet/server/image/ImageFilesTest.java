package dev.lenslet.server.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


class ImageFilesTest {
    @TempDir
    Path temp;

    @Test
    void directoriesAreSearchedRecursivelyInSortedOrder() throws IOException {
        for (String file : List.of("b.jpg", "a.PNG", "z.rgb", "notes.txt", ".hidden.jpg", "sub/c.gif",
                "sub/deeper/e.jpeg", ".cache/d.jpg", "sub/f.bmp")) {
            Path path = temp.resolve(file);
            Files.createDirectories(path.getParent());
            Files.createFile(path);
        }

        List<String> found = ImageFiles.expand(List.of(temp)).stream()
                .map(entry -> temp.relativize(entry.path()).toString())
                .toList();

        assertEquals(List.of("a.PNG", "b.jpg", "sub/c.gif", "sub/deeper/e.jpeg", "sub/f.bmp", "z.rgb"), found);
    }

    @Test
    void filesAreKeptInArgumentOrderWhateverTheirName() throws IOException {
        Path notes = Files.createFile(temp.resolve("notes.txt"));
        Path photo = Files.createFile(temp.resolve("photo.jpg"));

        List<ImageFiles.Entry> entries = ImageFiles.expand(List.of(notes, photo));

        assertEquals(List.of(ImageFiles.Entry.of(notes), ImageFiles.Entry.of(photo)), entries);
    }

    @Test
    void missingPathIsAnEntryWithAProblem() {
        Path missing = temp.resolve("missing");

        ImageFiles.Entry entry = ImageFiles.expand(List.of(missing)).get(0);

        assertEquals(missing, entry.path());
        assertTrue(entry.problem().startsWith("no such file or directory"), entry.problem());
    }

    @Test
    void hiddenDirectoryNamedExplicitlyIsSearched() throws IOException {
        Path hidden = Files.createDirectories(temp.resolve(".photos"));
        Path photo = Files.createFile(hidden.resolve("cat.jpg"));

        List<ImageFiles.Entry> entries = ImageFiles.expand(List.of(hidden));

        assertEquals(1, entries.size());
        assertEquals(photo, entries.get(0).path());
        assertNull(entries.get(0).problem());
    }
}
