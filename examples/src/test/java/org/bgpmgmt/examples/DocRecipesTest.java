package org.bgpmgmt.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the Java shown in the README and under docs/ honest: a block marked
 * {@code <!-- compiled: PATH -->} must have each of its lines, in order, in that compiled file (the
 * file may hold more, such as a test's bookkeeping). Every Java block of the README must be marked.
 */
class DocRecipesTest {
    private static final String MARK = "<!-- compiled: ";

    private final Path root = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();

    @Test
    void shouldFindEveryReadmeRecipeInCompiledCode() throws IOException {
        final int checked = check(root.resolve("README.md"), true);
        assertTrue(checked >= 2, "the README shows a loop recipe and a context recipe, found " + checked);
    }

    @Test
    void shouldFindEveryMarkedDocsRecipeInCompiledCode() throws IOException {
        final List<Path> pages;
        try (Stream<Path> files = Files.list(root.resolve("docs"))) {
            pages = files.filter(p -> p.toString().endsWith(".md")).sorted().toList();
        }
        int checked = 0;
        for (final Path page : pages) {
            checked += check(page, false);
        }
        assertTrue(checked >= 2, "docs show the loop recipe and the context recipe, found " + checked);
    }

    /** Checks the page's Java blocks; returns how many were checked against a source file. */
    private int check(final Path page, final boolean everyBlockMarked) throws IOException {
        final List<String> lines = Files.readAllLines(page);
        int checked = 0;
        String marker = null;
        for (int i = 0; i < lines.size(); i++) {
            final String line = lines.get(i).trim();
            if (line.startsWith(MARK) && line.endsWith("-->")) {
                marker = line.substring(MARK.length(), line.length() - 3).trim();
            } else if (line.equals("```java")) {
                final List<String> block = new ArrayList<>();
                final int start = i + 1;
                while (!lines.get(++i).trim().equals("```")) {
                    block.add(lines.get(i));
                }
                if (marker != null) {
                    assertInOrder(page + ":" + start, block, root.resolve(marker));
                    checked++;
                } else if (everyBlockMarked) {
                    fail(page + ":" + start + ": a Java block with no " + MARK + "PATH --> line before it");
                }
                marker = null;
            } else if (!line.isEmpty()) {
                marker = null;
            }
        }
        return checked;
    }

    private static void assertInOrder(final String where, final List<String> block, final Path source)
            throws IOException {
        assertTrue(Files.isRegularFile(source), where + ": no such file " + source);
        final List<String> code = Files.readAllLines(source).stream().map(DocRecipesTest::normal).toList();
        int at = 0;
        for (final String shown : block) {
            final String wanted = normal(shown);
            if (wanted.isEmpty()) {
                continue;
            }
            while (at < code.size() && !code.get(at).equals(wanted)) {
                at++;
            }
            if (at == code.size()) {
                fail(where + ": this line is not in " + source.getFileName() + " (after the lines before it): "
                    + shown.trim());
            }
            at++;
        }
    }

    private static String normal(final String line) {
        return line.trim().replaceAll("\\s+", " ");
    }
}
