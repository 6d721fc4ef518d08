package dev.cascade.agent;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A duration written for people ("250ms", "30s", "15m", "2h", "1d") or in ISO-8601 ("PT15M"). */
public final class DurationText {

    private static final Pattern FORM = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private DurationText() {
    }

    public static Duration parse(String text) {
        String trimmed = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (trimmed.startsWith("p")) {
            try {
                return nonNegative(text, Duration.parse(trimmed.toUpperCase(Locale.ROOT)));
            } catch (DateTimeParseException e) {
                throw invalid(text);
            }
        }
        Matcher matcher = FORM.matcher(trimmed);
        if (!matcher.matches()) {
            throw invalid(text);
        }
        try {
            long amount = Long.parseLong(matcher.group(1));
            return switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        } catch (NumberFormatException | ArithmeticException e) {
            throw invalid(text);
        }
    }

    private static Duration nonNegative(String text, Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("'" + text + "' is negative; expected a duration such as 30s or 15m");
        }
        return duration;
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("'" + text + "' is not a duration: expected a number with ms, s, m, h or d"
                + " (e.g. 250ms, 30s, 15m) or ISO-8601 (PT15M)");
    }
}
