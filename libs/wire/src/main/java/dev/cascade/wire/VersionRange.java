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

    /**
     * MAJOR.MINOR.PATCH as three numbers; throws with the offending text otherwise. A suffix from the
     * first '-' or '+' on (pre-release, build) is ignored. One pass without regular expressions: the
     * gateway checks the client version of every REGISTER.
     */
    public static int[] parse(String version) {
        if (version == null || version.isBlank()) {
            throw new IllegalArgumentException("version is empty; expected MAJOR.MINOR.PATCH");
        }
        int[] numbers = new int[3];
        int part = 0;
        int digits = 0;
        long value = 0;
        for (int i = 0; i < version.length(); i++) {
            char c = version.charAt(i);
            if (c == '-' || c == '+') {
                break;
            }
            if (c == '.') {
                if (digits == 0 || part == 2) {
                    throw notSemantic(version);
                }
                numbers[part++] = (int) value;
                value = 0;
                digits = 0;
            } else if (c >= '0' && c <= '9') {
                value = value * 10 + (c - '0');
                if (value > Integer.MAX_VALUE) {
                    throw notSemantic(version);
                }
                digits++;
            } else {
                throw notSemantic(version);
            }
        }
        if (digits == 0 || part != 2) {
            throw notSemantic(version);
        }
        numbers[2] = (int) value;
        return numbers;
    }

    private static IllegalArgumentException notSemantic(String version) {
        return new IllegalArgumentException("version '" + version + "' is not MAJOR.MINOR.PATCH");
    }
}
