package dev.cascade.agent;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A byte count written as plain bytes ("1048576") or with a binary unit ("500M", "10G", "1.5T", "64KiB"). */
public final class ByteSize {

    private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(?:([KMGT])(?:I?B)?|B)?");
    private static final BigDecimal MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private ByteSize() {
    }

    /** The number of bytes {@code text} names; throws naming the text and the expected form otherwise. */
    public static long parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        Matcher matcher = FORM.matcher(trimmed.toUpperCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + trimmed + "' is not a size: expected bytes or a number with K, M, G or T"
                    + " (e.g. 500M, 10G)");
        }
        long unit = matcher.group(2) == null ? 1L : multiplier(matcher.group(2));
        BigDecimal bytes = new BigDecimal(matcher.group(1)).multiply(BigDecimal.valueOf(unit));
        if (bytes.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("'" + trimmed + "' is larger than " + Long.MAX_VALUE + " bytes");
        }
        if (bytes.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException("'" + trimmed + "' is not a whole number of bytes");
        }
        return bytes.longValueExact();
    }

    private static long multiplier(String unit) {
        return switch (unit) {
            case "K" -> 1L << 10;
            case "M" -> 1L << 20;
            case "G" -> 1L << 30;
            case "T" -> 1L << 40;
            default -> throw new IllegalStateException("unit " + unit);
        };
    }
}
