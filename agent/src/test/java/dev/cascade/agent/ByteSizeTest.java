package dev.cascade.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteSizeTest {

    @ParameterizedTest
    @CsvSource({
        "0, 0",
        "1048576, 1048576",
        "512B, 512",
        "64K, 65536",
        "500M, 524288000",
        "500m, 524288000",
        "10G, 10737418240",
        "10GB, 10737418240",
        "10GiB, 10737418240",
        "1.5T, 1649267441664",
        "'  2 G ', 2147483648",
    })
    void readsBytesAndBinaryUnits(String text, long bytes) {
        assertThat(ByteSize.parse(text)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "G", "10X", "-1G", "ten", "1,5G", "10 G B", "1e9"})
    void refusesWhatIsNotASize(String text) {
        assertThatThrownBy(() -> ByteSize.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("'" + text.trim() + "' is not a size").hasMessageContaining("500M, 10G");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.1K", "0.5B"})
    void refusesFractionsOfAByte(String text) {
        assertThatThrownBy(() -> ByteSize.parse(text)).hasMessage("'" + text + "' is not a whole number of bytes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"9999999999T", "9223372036854775808"})
    void refusesWhatALongCannotHold(String text) {
        assertThatThrownBy(() -> ByteSize.parse(text)).hasMessage("'" + text + "' is larger than 9223372036854775807 bytes");
    }
}
