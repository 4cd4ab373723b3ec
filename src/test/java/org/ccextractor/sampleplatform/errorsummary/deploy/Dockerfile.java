package org.ccextractor.sampleplatform.errorsummary.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The instructions of a Dockerfile as far as the tests read them: each one's keyword and words (without --flags,
 * continuation lines joined), and the ENV values. Enough for the files in src/main/docker, not a full parser.
 */
public record Dockerfile(List<List<String>> lines, Map<String, String> env) {

    private static final Pattern ENV_PAIR = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"([^\"]*)\"|'([^']*)'|(\\S+))");

    public static Dockerfile read(Path file) throws IOException {
        List<List<String>> lines = new ArrayList<>();
        Map<String, String> env = new LinkedHashMap<>();
        String text = Files.readString(file).replaceAll("\\\\\\n", " ");
        for (String line : text.split("\n")) {
            String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            List<String> words = new ArrayList<>(Arrays.stream(trimmed.split("\\s+")).filter(w -> !w.startsWith("--")).toList());
            words.set(0, words.get(0).toUpperCase());
            lines.add(List.copyOf(words));
            if (words.get(0).equals("ENV")) {
                Matcher pair = ENV_PAIR.matcher(trimmed.substring(3));
                while (pair.find()) {
                    String value = pair.group(3) != null ? pair.group(3) : pair.group(4) != null ? pair.group(4) : pair.group(5);
                    env.put(pair.group(1), value);
                }
            }
        }
        return new Dockerfile(List.copyOf(lines), Map.copyOf(env));
    }

    /** The words after the keyword, for each instruction with that keyword, in order. */
    List<List<String>> instructions(String keyword) {
        return lines.stream().filter(words -> words.get(0).equals(keyword)).map(words -> words.subList(1, words.size())).toList();
    }

    /** The words of the one instruction with that keyword. */
    List<String> only(String keyword) {
        List<List<String>> found = instructions(keyword);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + keyword + ", found " + found);
        }
        return found.get(0);
    }

    public String env(String name) {
        String value = env.get(name);
        if (value == null) {
            throw new AssertionError("no ENV " + name);
        }
        return value;
    }
}
