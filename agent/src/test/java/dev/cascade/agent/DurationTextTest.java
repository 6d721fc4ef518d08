package dev.cascade.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationTextTest {

    @ParameterizedTest
    @CsvSource({"250ms, PT0.25S", "30s, PT30S", "15m, PT15M", "2h, PT2H", "1d, PT24H", "PT15M, PT15M", "pt1m30s, PT1M30S"})
    void readsPeopleAndIsoForms(String text, String iso) {
        assertThat(DurationText.parse(text)).isEqualTo(Duration.parse(iso));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "15", "15 minutes", "-5s", "1.5s", "PT", "99999999999999999999d"})
    void refusesWhatIsNotADuration(String text) {
        assertThatThrownBy(() -> DurationText.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "' is not a duration");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT-5S"})
    void refusesNegativeIsoDurations(String text) {
        assertThatThrownBy(() -> DurationText.parse(text)).hasMessageStartingWith("'PT-5S' is negative");
    }
}
