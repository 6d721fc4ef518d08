package dev.cascade.wire;

import dev.cascade.contracts.v1.SupportedRange;

/** An inclusive range of semantic versions "MAJOR.MINOR.PATCH" (pre-release suffixes are ignored). */
public record VersionRange(String min, String max) {

    public VersionRange {
        parse(min);
        parse(max);
        if (compare(min, max) > 0) {
            throw new IllegalArgumentException("version range " + min + ".." + max + " is empty");
        }
    }

    public boolean contains(String version) {
        try {
            return compare(min, version) <= 0 && compare(version, max) <= 0;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public SupportedRange toProto() {
        return SupportedRange.newBuilder().setMin(min).setMax(max).build();
    }

    @Override
    public String toString() {
        return min + ".." + max;
    }

    public static int compare(String a, String b) {
        int[] x = parse(a);
        int[] y = parse(b);
        for (int i = 0; i < 3; i++) {
            if (x[i] != y[i]) {
                return Integer.compare(x[i], y[i]);
            }
        }
        return 0;
    }

    /** MAJOR.MINOR.PATCH as three numbers; throws with the offending text otherwise. */
    public static int[] parse(String version) {
        if (version == null || version.isBlank()) {
            throw new IllegalArgumentException("version is empty; expected MAJOR.MINOR.PATCH");
        }
        String core = version.split("[-+]", 2)[0];
        String[] parts = core.split("\\.");
        if (parts.length != 3) {
            throw new IllegalArgumentException("version '" + version + "' is not MAJOR.MINOR.PATCH");
        }
        int[] numbers = new int[3];
        for (int i = 0; i < 3; i++) {
            try {
                numbers[i] = Integer.parseInt(parts[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("version '" + version + "' is not MAJOR.MINOR.PATCH");
            }
            if (numbers[i] < 0) {
                throw new IllegalArgumentException("version '" + version + "' has a negative part");
            }
        }
        return numbers;
    }
}
