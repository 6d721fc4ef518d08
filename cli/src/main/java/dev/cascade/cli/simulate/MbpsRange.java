package dev.cascade.cli.simulate;

import java.util.Locale;
import java.util.SplittableRandom;

import picocli.CommandLine.ITypeConverter;

/** A link capacity drawn evenly between {@code min} and {@code max} Mbit/s, written {@code 10-100} or {@code 40}. */
public record MbpsRange(double min, double max) {

    public MbpsRange {
        if (!(min > 0) || !(max >= min) || Double.isInfinite(max)) {
            throw new IllegalArgumentException("a capacity range needs 0 < min <= max Mbit/s, got " + min + "-" + max);
        }
    }

    double draw(SplittableRandom random) {
        return min == max ? min : min + random.nextDouble() * (max - min);
    }

    @Override
    public String toString() {
        return min == max ? format(min) : format(min) + "-" + format(max);
    }

    private static String format(double mbps) {
        return mbps == Math.rint(mbps) ? Long.toString((long) mbps) : String.format(Locale.ROOT, "%.3f", mbps);
    }

    /** picocli: {@code 10-100}, {@code 40}. */
    static final class Converter implements ITypeConverter<MbpsRange> {

        @Override
        public MbpsRange convert(String text) {
            String t = text.strip().toLowerCase(Locale.ROOT).replace("mbit/s", "").replace("mbps", "").strip();
            int dash = t.indexOf('-', 1);
            try {
                return dash < 0 ? new MbpsRange(Double.parseDouble(t), Double.parseDouble(t))
                        : new MbpsRange(Double.parseDouble(t.substring(0, dash).strip()),
                                Double.parseDouble(t.substring(dash + 1).strip()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + text + "' is not a capacity range; expected Mbit/s such as 10-100 or 40"
                        + " (0 < min <= max)");
            }
        }
    }
}
