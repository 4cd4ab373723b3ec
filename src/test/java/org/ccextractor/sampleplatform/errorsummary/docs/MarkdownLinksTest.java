package org.ccextractor.sampleplatform.errorsummary.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every link in the repository's Markdown (README.md, docs/, deploy/) leads to a file of the repository: the
 * documentation reads the same in any clone, offline and at any commit. Sources outside it are cited in plain text
 * ("RFC 9110, section 12.5.1"), never linked. Code (fenced blocks and spans) is not prose and holds no links.
 */
class MarkdownLinksTest {

    /** Tests run in the project's directory, the repository's root. */
    static final Path ROOT = Path.of("").toAbsolutePath();

    static final Pattern FENCED_CODE = Pattern.compile("(?ms)^ {0,3}(```|~~~).*?^ {0,3}\\1[^\\n]*$");
    static final Pattern CODE_SPAN = Pattern.compile("(`+)(?s:.+?)\\1");
    /** An inline link's or image's target ({@code [text](target "title")}) and a reference definition's ({@code [name]: target}). */
    static final Pattern TARGET = Pattern.compile("\\]\\(\\s*<?([^)\\s>]*)>?(?:\\s+\"[^\"]*\")?\\s*\\)|(?m)^ {0,3}\\[[^\\]]+\\]:\\s*<?([^\\s>]+)");
    /** What a Markdown renderer (GitHub's) links by itself: an address with a scheme, autolinked or bare, or www. */
    static final Pattern ADDRESS = Pattern.compile("(?i)\\b(?:https?://|ftp://|mailto:|www\\.)[^\\s)>\\]]*");
    static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:|^//");

    @Test
    void everyLinkLeadsToAFileOfTheRepository() throws IOException {
        // A set: an address in a link's target is found by both patterns.
        Set<String> wrong = new LinkedHashSet<>();
        int links = 0;
        for (Path file : markdownFiles()) {
            String prose = CODE_SPAN.matcher(FENCED_CODE.matcher(Files.readString(file)).replaceAll("")).replaceAll("");
            String where = ROOT.relativize(file).toString();
            Matcher address = ADDRESS.matcher(prose);
            while (address.find()) {
                wrong.add(where + ": " + address.group() + " leads outside the repository");
            }
            Matcher target = TARGET.matcher(prose);
            while (target.find()) {
                links++;
                String link = target.group(1) != null ? target.group(1) : target.group(2);
                problem(file, link).ifPresent(problem -> wrong.add(where + ": " + link + " " + problem));
            }
        }
        assertEquals(List.of(), List.copyOf(wrong));
        // About fifty today: far fewer would mean that the pattern misses links.
        assertTrue(links > 40, "links found: " + links);
    }

    /** Why {@code link}, written in {@code file}, is no link to a file of the repository; empty when it is one. */
    private static Optional<String> problem(Path file, String link) {
        if (SCHEME.matcher(link).find()) {
            return Optional.of("leads outside the repository");
        }
        String path = link.replaceFirst("#.*", "");
        if (path.isEmpty()) {
            return Optional.empty(); // an anchor in the same file
        }
        Path resolved = file.getParent().resolve(URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8)).normalize();
        if (!resolved.startsWith(ROOT)) {
            return Optional.of("leads outside the repository");
        }
        return Files.isRegularFile(resolved) ? Optional.empty() : Optional.of("is no file of the repository");
    }

    /** README.md and every Markdown file under docs/ and deploy/. */
    private static List<Path> markdownFiles() throws IOException {
        List<Path> files = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        for (String directory : List.of("docs", "deploy")) {
            try (Stream<Path> walk = Files.walk(ROOT.resolve(directory))) {
                walk.filter(f -> f.toString().endsWith(".md")).sorted().forEach(files::add);
            }
        }
        return files;
    }
}
