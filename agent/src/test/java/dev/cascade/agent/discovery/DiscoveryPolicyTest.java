package dev.cascade.agent.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import dev.cascade.contracts.v1.OfficeType;

/** DESIGN.md §2: Standard broadcasts and shares, VPN broadcasts but does not share, Wi-Fi shares but does not broadcast. */
class DiscoveryPolicyTest {

    @Test
    void standardBroadcastsAndAnswers() {
        DiscoveryPolicy standard = DiscoveryPolicy.parse("standard");

        assertThat(standard.broadcasts()).isTrue();
        assertThat(standard.answers()).isTrue();
        assertThat(standard.whyNotBroadcast()).isEmpty();
        assertThat(standard.whyNotAnswer()).isEmpty();
    }

    @Test
    void vpnBroadcastsButAnswersNothingBecauseItDoesNotShare() {
        DiscoveryPolicy vpn = DiscoveryPolicy.parse("VPN");

        assertThat(vpn.broadcasts()).isTrue();
        assertThat(vpn.answers()).isFalse();
        assertThat(vpn.whyNotAnswer()).contains("peers in a VPN office do not share content, so they answer no DISCOVER");
    }

    @Test
    void wifiNeitherBroadcastsNorAnswersBroadcasts() {
        DiscoveryPolicy wifi = DiscoveryPolicy.parse("wifi");

        assertThat(wifi.broadcasts()).isFalse();
        assertThat(wifi.whyNotBroadcast())
                .contains("peers in a Wi-Fi office do not broadcast DISCOVER; they find holders through the planner's list");
        assertThat(wifi.answers()).isFalse();
        assertThat(wifi.whyNotAnswer()).hasValueSatisfying(why -> assertThat(why).contains("Wi-Fi"));
        assertThat(DiscoveryPolicy.parse("Wi-Fi")).isEqualTo(wifi);
    }

    @Test
    void anUnspecifiedOfficeTypeBehavesAsStandard() {
        DiscoveryPolicy unspecified = new DiscoveryPolicy(OfficeType.OFFICE_TYPE_UNSPECIFIED);

        assertThat(unspecified.broadcasts()).isTrue();
        assertThat(unspecified.answers()).isTrue();
        assertThat(unspecified.label()).isEqualTo("standard");
    }

    @Test
    void namesTheAcceptedWordsForAnUnknownType() {
        assertThatThrownBy(() -> DiscoveryPolicy.parse("lan"))
                .hasMessage("'lan' is not an office type: expected standard, vpn or wifi");
        assertThatThrownBy(() -> new DiscoveryPolicy(OfficeType.UNRECOGNIZED)).hasMessageContaining("is not one of");
    }
}
