package dev.cascade.wire;

import static dev.cascade.wire.FieldRules.malformed;
import static dev.cascade.wire.PayloadText.quote;

import dev.cascade.contracts.v1.ActivationRequest;
import dev.cascade.contracts.v1.ActivationResult;
import dev.cascade.contracts.v1.ClientActivation;
import dev.cascade.contracts.v1.KeyRotationRequest;
import dev.cascade.contracts.v1.KeyRotationResult;
import dev.cascade.contracts.v1.ServerStatus;
import dev.cascade.contracts.v1.StatusRequest;
import dev.cascade.contracts.v1.WrappedKey;

/**
 * The rules of the activation and key messages (docs/protocol.md §16.7): the connector's requests, the
 * server's answers to it, and CLIENT_ACTIVATION. A receiver that is about to store a key needs a key of
 * the right shape, so a {@link WrappedKey} is checked wherever one is present, and required where the
 * message promises one ({@code activated}, {@code rotated}).
 */
final class ActivationMessageDecoder {

    private ActivationMessageDecoder() {
    }

    static DecodedPayload activationRequest(ActivationRequest m) {
        DecodedPayload.Malformed bad = null;
        if (m.getLicenseKey().isBlank()) {
            bad = malformed("license_key", "license_key is empty; expected the license key to activate with");
        }
        if (bad == null) {
            bad = FieldRules.text("license_key", m.getLicenseKey(), 1, PayloadLimits.MAX_ID_LENGTH);
        }
        if (bad == null) {
            bad = FieldRules.text("server_name", m.getServerName(), 1, PayloadLimits.MAX_SERVER_NAME_LENGTH);
        }
        String ip = m.getServerIp();
        if (bad == null && !ip.isEmpty() && !IpLiteralSyntax.isIpv4(ip) && !IpLiteralSyntax.isIpv6(ip)) {
            bad = malformed("server_ip", "server_ip " + quote(ip) + " is not an IPv4 or IPv6 address literal");
        }
        if (bad == null) {
            bad = connectorVersion(m.getConnectorVersion());
        }
        return PeerReportDecoder.orValid(bad, m);
    }

    static DecodedPayload statusRequest(StatusRequest m) {
        return PeerReportDecoder.orValid(connectorVersion(m.getConnectorVersion()), m);
    }

    static DecodedPayload keyRotationRequest(KeyRotationRequest m) {
        return PeerReportDecoder.orValid(connectorVersion(m.getConnectorVersion()), m);
    }

    static DecodedPayload activationResult(ActivationResult m) {
        DecodedPayload.Malformed bad = FieldRules.text("detail", m.getDetail(), 0, PayloadLimits.MAX_TEXT_LENGTH);
        if (bad == null && m.hasSharedKey()) {
            bad = wrappedKey("shared_key", m.getSharedKey());
        }
        if (bad == null) {
            bad = FieldRules.timestamp("previous_key_valid_until_unix_ms", m.getPreviousKeyValidUntilUnixMs());
        }
        if (bad == null) {
            bad = serverVersion(m.getServerVersion());
        }
        if (bad == null) {
            bad = FieldRules.text("customer", m.getCustomer(), 0, PayloadLimits.MAX_TEXT_LENGTH);
        }
        return PeerReportDecoder.orValid(bad, m);
    }

    static DecodedPayload serverStatus(ServerStatus m) {
        DecodedPayload.Malformed bad = serverVersion(m.getServerVersion());
        if (bad == null) {
            bad = FieldRules.text("server_name", m.getServerName(), 0, PayloadLimits.MAX_SERVER_NAME_LENGTH);
        }
        String ip = m.getServerIp();
        if (bad == null && !ip.isEmpty() && !IpLiteralSyntax.isIpv4(ip) && !IpLiteralSyntax.isIpv6(ip)) {
            bad = malformed("server_ip", "server_ip " + quote(ip) + " is not an IPv4 or IPv6 address literal");
        }
        if (bad == null) {
            bad = FieldRules.timestamp("activated_at_unix_ms", m.getActivatedAtUnixMs());
        }
        if (bad == null) {
            bad = FieldRules.text("customer", m.getCustomer(), 0, PayloadLimits.MAX_TEXT_LENGTH);
        }
        return PeerReportDecoder.orValid(bad, m);
    }

    static DecodedPayload keyRotationResult(KeyRotationResult m) {
        DecodedPayload.Malformed bad = FieldRules.text("detail", m.getDetail(), 0, PayloadLimits.MAX_TEXT_LENGTH);
        if (bad == null && m.getRotated() && !m.hasSharedKey()) {
            bad = malformed("shared_key", "shared_key is missing; expected the new key when rotated is true");
        }
        if (bad == null && m.hasSharedKey()) {
            bad = wrappedKey("shared_key", m.getSharedKey());
        }
        if (bad == null) {
            bad = FieldRules.timestamp("previous_key_valid_until_unix_ms", m.getPreviousKeyValidUntilUnixMs());
        }
        return PeerReportDecoder.orValid(bad, m);
    }

    static DecodedPayload clientActivation(ClientActivation m) {
        DecodedPayload.Malformed bad = null;
        if (m.getActivated() && !m.hasFleetKey()) {
            bad = malformed("fleet_key", "fleet_key is missing; expected the new fleet key when activated is true");
        }
        if (bad == null && m.hasFleetKey()) {
            bad = wrappedKey("fleet_key", m.getFleetKey());
        }
        if (bad == null) {
            bad = FieldRules.timestamp("previous_key_valid_until_unix_ms", m.getPreviousKeyValidUntilUnixMs());
        }
        if (bad == null) {
            bad = FieldRules.text("server_name", m.getServerName(), 0, PayloadLimits.MAX_SERVER_NAME_LENGTH);
        }
        return PeerReportDecoder.orValid(bad, m);
    }

    /**
     * The shape {@link KeyWrap#unwrap} needs, and a key id above the wrapping key's: key ids only grow
     * (§16.1), so a "new" key with a lower id is never one the receiver should switch to.
     */
    static DecodedPayload.Malformed wrappedKey(String field, WrappedKey k) {
        long keyId = Integer.toUnsignedLong(k.getKeyId());
        long wrappingKeyId = Integer.toUnsignedLong(k.getWrappingKeyId());
        if (keyId == 0) {
            return malformed(field + ".key_id", field + ".key_id is 0; expected the id of the new key");
        }
        if (wrappingKeyId == 0) {
            return malformed(field + ".wrapping_key_id", field + ".wrapping_key_id is 0; expected the id of the key it"
                    + " is wrapped with");
        }
        if (keyId <= wrappingKeyId) {
            return malformed(field + ".key_id", field + ".key_id " + keyId + " is not above wrapping_key_id "
                    + wrappingKeyId + "; key ids only grow");
        }
        if (k.getNonce().size() != KeyWrap.NONCE_SIZE) {
            return malformed(field + ".nonce", field + ".nonce has " + k.getNonce().size() + " bytes; expected "
                    + KeyWrap.NONCE_SIZE);
        }
        if (k.getCiphertext().size() != KeyWrap.CIPHERTEXT_SIZE) {
            return malformed(field + ".ciphertext", field + ".ciphertext has " + k.getCiphertext().size()
                    + " bytes; expected " + KeyWrap.CIPHERTEXT_SIZE + " (32 key bytes and a 16-byte tag)");
        }
        return null;
    }

    private static DecodedPayload.Malformed connectorVersion(String value) {
        return PayloadDecoder.isSemanticVersion(value) ? null
                : malformed("connector_version", "connector_version " + quote(value) + " is not MAJOR.MINOR.PATCH");
    }

    private static DecodedPayload.Malformed serverVersion(String value) {
        return value.isEmpty() || PayloadDecoder.isSemanticVersion(value) ? null
                : malformed("server_version", "server_version " + quote(value) + " is not MAJOR.MINOR.PATCH");
    }
}
