package dev.cascade.cli.connector;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import picocli.CommandLine.ITypeConverter;

/**
 * A positive duration written {@code 30s}, {@code 1.5s}, {@code 500ms}, {@code 2m}, {@code 45} (seconds) or ISO-8601
 * ({@code PT30S}). {@link OrZero} also takes {@code 0}.
 */
public class DurationText implements ITypeConverter<Duration> {

    /** The same, zero allowed (e.g. "all at once"). */
    public static final class OrZero extends DurationText {
        public OrZero() {
            super(true);
        }
    }

    private final boolean zeroAllowed;

    public DurationText() {
        this(false);
    }

    private DurationText(boolean zeroAllowed) {
        this.zeroAllowed = zeroAllowed;
    }

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
                duration = seconds(t.substring(0, t.length() - 1).trim());
            } else if (t.endsWith("m")) {
                duration = Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1).trim()));
            } else {
                duration = seconds(t);
            }
            if (duration.isNegative() || duration.isZero() && !zeroAllowed) {
                throw new IllegalArgumentException("'" + text + "' is not a " + (zeroAllowed ? "duration of 0 or more"
                        : "positive duration") + "; expected e.g. 30s, 500ms or 2m");
            }
            return duration;
        } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; expected e.g. 30s, 500ms or 2m");
        }
    }

    private static Duration seconds(String text) {
        double seconds = Double.parseDouble(text);
        if (!Double.isFinite(seconds)) {
            throw new NumberFormatException(text);
        }
        return Duration.ofMillis(Math.round(seconds * 1000));
    }
}
