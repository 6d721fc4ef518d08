package dev.cascade.topology.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.cascade.topology.model.SubnetRange;
import dev.cascade.topology.service.OfficeView.RangeView;

/** A range survives the office_range row (first, last, cidr) in the form it was written. */
class RangeViewTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "10.1.0.0/16 | 10.1.0.0 | 10.1.255.255 | 10.1.0.0/16 | CIDR",
            "10.1.2.3 | 10.1.2.3 | 10.1.2.3 | 10.1.2.3 | ADDRESS",
            "10.1.2.3/32 | 10.1.2.3 | 10.1.2.3 | 10.1.2.3/32 | CIDR",
            "10.1.2.3-10.1.2.3 | 10.1.2.3 | 10.1.2.3 | | RANGE",
            "10.1.0.0-10.1.255.255 | 10.1.0.0 | 10.1.255.255 | | RANGE",
            "2001:DB8:1::/48 | 2001:db8:1:: | 2001:db8:1:ffff:ffff:ffff:ffff:ffff | 2001:db8:1::/48 | CIDR",
            "2001:db8::10-2001:db8::ff | 2001:db8::10 | 2001:db8::ff | | RANGE",
            "2001:db8::7 | 2001:db8::7 | 2001:db8::7 | 2001:db8::7 | ADDRESS"})
    void aRangeIsStoredAndReadBackInTheFormItWasWrittenIn(String written, String first, String last, String cidr,
            SubnetRange.Form form) {
        SubnetRange range = SubnetRange.parse(written);

        RangeView row = RangeView.of(range);

        assertThat(row).isEqualTo(new RangeView(first, last, cidr));
        SubnetRange back = row.toSubnetRange();
        assertThat(back).isEqualTo(range);
        assertThat(back.form()).isEqualTo(form);
        assertThat(back.text()).isEqualTo(row.text());
    }
}
