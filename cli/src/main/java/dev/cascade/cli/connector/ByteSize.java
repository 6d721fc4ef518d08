package dev.cascade.cli.connector;

import java.util.Locale;

import picocli.CommandLine.ITypeConverter;

/** A byte count written {@code 1048576}, {@code 512KiB}, {@code 1MiB} or {@code 4MiB} (binary units; KB/MB mean the same). */
public final class ByteSize implements ITypeConverter<Long> {

    @Override
    public Long convert(String text) {
        return parse(text);
    }

    static long parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        for (String[] suffix : new String[][] {{"kib", "10"}, {"mib", "20"}, {"gib", "30"}, {"kb", "10"}, {"mb", "20"},
                {"gb", "30"}, {"k", "10"}, {"m", "20"}, {"g", "30"}, {"b", "0"}}) {
            if (t.endsWith(suffix[0])) {
                unit = 1L << Integer.parseInt(suffix[1]);
                t = t.substring(0, t.length() - suffix[0].length()).trim();
                break;
            }
        }
        try {
            long number = Long.parseLong(t);
            if (number < 0 || number > Long.MAX_VALUE / unit) {
                throw new NumberFormatException();
            }
            return number * unit;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a size; expected e.g. 1MiB, 256KiB or 65536");
        }
    }
}
