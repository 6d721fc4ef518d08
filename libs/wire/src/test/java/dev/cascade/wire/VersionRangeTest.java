package dev.cascade.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** MAJOR.MINOR.PATCH with an ignored pre-release or build suffix; everything else is refused by name. */
class VersionRangeTest {

    private static final Pattern REFERENCE = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)([-+].*)?", Pattern.DOTALL);

    @Test
    void readsTheThreeNumbersAndIgnoresTheSuffix() {
        assertThat(VersionRange.parse("1.20.300")).containsExactly(1, 20, 300);
        assertThat(VersionRange.parse("2.0.1-beta.1")).containsExactly(2, 0, 1);
        assertThat(VersionRange.parse("0.0.0+build.7")).containsExactly(0, 0, 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "1.2", "1.2.3.4", "1.2.3.", ".1.2.3", "1..3", "v1.2.3", "1.2.x", "-1.0.0", "+1.0.0",
            "1.2.99999999999", "1.٢.3", "1.2. 3", " "})
    void refusesWhatIsNotMajorMinorPatch(String version) {
        assertThatThrownBy(() -> VersionRange.parse(version)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(version.isBlank() ? "empty" : "'" + version + "'");
    }

    @Test
    void agreesWithAReferenceOnRandomText() {
        Random random = new Random(11);
        char[] alphabet = "0123456789.-+a".toCharArray();
        for (int i = 0; i < 200_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int c = 1 + random.nextInt(12); c > 0; c--) {
                text.append(alphabet[random.nextInt(alphabet.length)]);
            }
            String version = text.toString();
            Matcher matcher = REFERENCE.matcher(version);
            boolean valid = matcher.matches() && fitsInt(matcher.group(1)) && fitsInt(matcher.group(2))
                    && fitsInt(matcher.group(3));
            if (valid) {
                assertThat(VersionRange.parse(version)).as(version).containsExactly(Integer.parseInt(matcher.group(1)),
                        Integer.parseInt(matcher.group(2)), Integer.parseInt(matcher.group(3)));
            } else {
                assertThatThrownBy(() -> VersionRange.parse(version)).as(version)
                        .isInstanceOf(IllegalArgumentException.class);
            }
        }
    }

    @Test
    void rangesCompareNumerically() {
        VersionRange range = new VersionRange("1.0.0", "1.99.99");
        assertThat(range.contains("1.10.0")).isTrue();
        assertThat(range.contains("1.100.0")).isFalse();
        assertThat(range.contains("not a version")).isFalse();
    }

    private static boolean fitsInt(String digits) {
        return digits.length() < 10 || Long.parseLong(digits) <= Integer.MAX_VALUE;
    }
}
