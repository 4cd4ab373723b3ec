package org.ccextractor.sampleplatform.errorsummary.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One line of the Prometheus text format that /q/metrics answers: a name, its labels and a value. */
public record MetricSample(String name, Map<String, String> labels, double value) {

    private static final Pattern LINE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)\\})?\\s+(\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    public static List<MetricSample> parse(String text) {
        List<MetricSample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher m = LINE.matcher(line.trim());
            if (line.startsWith("#") || !m.matches()) {
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(2) != null) {
                Matcher label = LABEL.matcher(m.group(2));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            samples.add(new MetricSample(m.group(1), labels, Double.parseDouble(m.group(3).replace("Inf", "Infinity"))));
        }
        return samples;
    }

    public String label(String name) {
        return labels.getOrDefault(name, "");
    }
}
