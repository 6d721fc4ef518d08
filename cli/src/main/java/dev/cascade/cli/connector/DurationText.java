package dev.cascade.cli.connector;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import picocli.CommandLine.ITypeConverter;

/** A duration written {@code 30s}, {@code 500ms}, {@code 2m}, {@code 45} (seconds) or ISO-8601 ({@code PT30S}). */
public final class DurationText implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            Duration duration;
            if (t.startsWith("p")) {
                duration = Duration.parse(text.trim());
            } else if (t.endsWith("ms")) {
                duration = Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2).trim()));
            } else if (t.endsWith("s")) {
                duration = Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1).trim()));
            } else if (t.endsWith("m")) {
                duration = Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1).trim()));
            } else {
                duration = Duration.ofSeconds(Long.parseLong(t));
            }
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("'" + text + "' is not a positive duration");
            }
            return duration;
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; expected e.g. 30s, 500ms or 2m");
        }
    }
}
