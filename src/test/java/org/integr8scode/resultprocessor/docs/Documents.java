package org.integr8scode.resultprocessor.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The project's Markdown documents (README.md and docs/*.md) and the rows of their tables. */
final class Documents {

    private Documents() {
    }

    static List<Path> all() {
        List<Path> documents = new ArrayList<>(List.of(Path.of("README.md")));
        try (var listing = Files.list(Path.of("docs"))) {
            listing.filter(file -> file.toString().endsWith(".md")).sorted().forEach(documents::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return documents;
    }

    static String read(Path document) {
        try {
            return Files.readString(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The cells of each table row (a line "| a | b |"), trimmed; header separators left out. */
    static List<List<String>> tableRows(Path document) {
        return read(document).lines().filter(line -> line.startsWith("|") && !line.startsWith("|---"))
                .map(line -> Arrays.stream(line.substring(1, line.lastIndexOf('|')).split("\\|", -1))
                        .map(String::trim).toList())
                .toList();
    }
}
