package dev.cascade.metadata.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeviceIdTest {

    @Test
    void aUuidIsKeptInLowerCase() {
        assertThat(DeviceId.canonical("1B4E28BA-2FA1-11D2-883F-0016D3CCA427")).isEqualTo("1b4e28ba-2fa1-11d2-883f-0016d3cca427");
        assertThat(DeviceId.canonical("1b4e28ba-2fa1-11d2-883f-0016d3cca427")).isEqualTo("1b4e28ba-2fa1-11d2-883f-0016d3cca427");
    }

    @ParameterizedTest
    @ValueSource(strings = {"pc-0042", "", "1-1-1-1-1", "1b4e28ba2fa111d2883f0016d3cca427", "1b4e28ba-2fa1-11d2-883f-0016d3cca42z",
            "{1b4e28ba-2fa1-11d2-883f-0016d3cca427}"})
    void anythingElseIsRefusedByName(String text) {
        assertThatThrownBy(() -> DeviceId.canonical(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'").hasMessageContaining("UUID");
    }
}
