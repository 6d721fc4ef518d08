package dev.cascade.benchmarks.topology;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code --name value} pairs of the import benchmark; an unknown name or a missing value is refused, naming it. */
final class HarnessOptions {

    private final Map<String, String> values;

    private HarnessOptions(Map<String, String> values) {
        this.values = values;
    }

    static HarnessOptions parse(String[] args, List<String> known) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : null;
            if (name == null || !known.contains(name)) {
                throw new IllegalArgumentException("unknown option '" + args[i] + "'; expected one of --"
                        + String.join(", --", known));
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + args[i] + " needs a value");
            }
            values.put(name, args[++i]);
        }
        return new HarnessOptions(values);
    }

    String text(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    int positive(String name, int fallback) {
        String text = values.get(name);
        if (text == null) {
            return fallback;
        }
        int value;
        try {
            value = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw notPositive(name, text, e);
        }
        if (value <= 0) {
            throw notPositive(name, text, null);
        }
        return value;
    }

    private static IllegalArgumentException notPositive(String name, String text, Exception cause) {
        return new IllegalArgumentException("--" + name + " must be a positive whole number, got '" + text + "'", cause);
    }
}
