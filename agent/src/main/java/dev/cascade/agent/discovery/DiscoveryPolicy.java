package dev.cascade.agent.discovery;

import java.util.Locale;
import java.util.Optional;

import dev.cascade.contracts.v1.OfficeType;

/**
 * What an office's type allows discovery to do (DESIGN.md §2, seed 001):
 * <ul>
 * <li><b>Standard</b> (wired LAN): peers broadcast DISCOVER and answer it — they share content.</li>
 * <li><b>VPN</b>: peers broadcast DISCOVER (to learn who holds what) but do not share content, so
 *     they answer nothing.</li>
 * <li><b>Wi-Fi</b>: peers share content but do not broadcast; they are found through the planner's
 *     list. They do not answer DISCOVER either: a conforming Wi-Fi peer never sends one, so a DISCOVER
 *     on a Wi-Fi subnet comes from a misconfigured peer, and answering it would make every holder in
 *     the cell transmit over the shared airtime the rule exists to spare.</li>
 * </ul>
 * An unspecified type (no topology yet: topology is optional) behaves as Standard.
 */
public record DiscoveryPolicy(OfficeType officeType) {

    public DiscoveryPolicy {
        if (officeType == null || officeType == OfficeType.UNRECOGNIZED) {
            throw new IllegalArgumentException("office type " + officeType + " is not one of standard, vpn, wifi");
        }
    }

    /** Reads standard, vpn or wifi (any case); throws naming the accepted words otherwise. */
    public static DiscoveryPolicy parse(String text) {
        return switch (text == null ? "" : text.trim().toLowerCase(Locale.ROOT)) {
            case "standard" -> new DiscoveryPolicy(OfficeType.OFFICE_TYPE_STANDARD);
            case "vpn" -> new DiscoveryPolicy(OfficeType.OFFICE_TYPE_VPN);
            case "wifi", "wi-fi" -> new DiscoveryPolicy(OfficeType.OFFICE_TYPE_WIFI);
            default -> throw new IllegalArgumentException("'" + text + "' is not an office type: expected standard, vpn or wifi");
        };
    }

    /** Why this agent must not broadcast DISCOVER, or empty when it may. */
    public Optional<String> whyNotBroadcast() {
        return officeType == OfficeType.OFFICE_TYPE_WIFI
                ? Optional.of("peers in a Wi-Fi office do not broadcast DISCOVER; they find holders through the planner's list")
                : Optional.empty();
    }

    /** Why this agent must not answer DISCOVER, or empty when it may. */
    public Optional<String> whyNotAnswer() {
        return switch (officeType) {
            case OFFICE_TYPE_VPN -> Optional.of("peers in a VPN office do not share content, so they answer no DISCOVER");
            case OFFICE_TYPE_WIFI -> Optional.of("peers in a Wi-Fi office take no part in broadcast discovery, so they"
                    + " answer no DISCOVER");
            default -> Optional.empty();
        };
    }

    public boolean broadcasts() {
        return whyNotBroadcast().isEmpty();
    }

    public boolean answers() {
        return whyNotAnswer().isEmpty();
    }

    /** standard, vpn or wifi; "standard" for an unspecified type, which behaves as one. */
    public String label() {
        return switch (officeType) {
            case OFFICE_TYPE_VPN -> "vpn";
            case OFFICE_TYPE_WIFI -> "wifi";
            default -> "standard";
        };
    }
}
