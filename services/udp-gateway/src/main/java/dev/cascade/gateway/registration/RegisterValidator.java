package dev.cascade.gateway.registration;

import static dev.cascade.gateway.ingest.PayloadText.quote;
import static dev.cascade.gateway.ingest.PayloadText.shorten;

import com.google.protobuf.InvalidProtocolBufferException;

import dev.cascade.contracts.v1.Register;
import dev.cascade.gateway.ingest.PayloadReader;
import dev.cascade.gateway.ingest.PayloadValidation;
import dev.cascade.wire.MessageType;
import dev.cascade.wire.VersionRange;

/** Checks a REGISTER payload field by field (wire.proto states the rules) and names the first bad field. */
public final class RegisterValidator implements PayloadReader {

    public static final int MAX_HOSTNAME_LENGTH = 253;

    private final VersionRange clientVersions;

    public RegisterValidator(VersionRange clientVersions) {
        this.clientVersions = clientVersions;
    }

    @Override
    public PayloadValidation read(MessageType type, byte[] payload) {
        try {
            return validate(Register.parseFrom(payload));
        } catch (InvalidProtocolBufferException e) {
            return malformed("payload", "payload is not a cascade.v1.Register message");
        }
    }

    public PayloadValidation validate(Register register) {
        String hostname = register.getHostname();
        if (hostname.isEmpty()) {
            return malformed("hostname", "hostname is empty; expected 1.." + MAX_HOSTNAME_LENGTH + " characters");
        }
        if (hostname.length() > MAX_HOSTNAME_LENGTH) {
            return malformed("hostname", "hostname has " + hostname.length() + " characters; expected 1.."
                    + MAX_HOSTNAME_LENGTH);
        }
        if (hostname.chars().anyMatch(Character::isISOControl)) {
            return malformed("hostname", "hostname " + quote(hostname) + " contains a control character");
        }

        String ip = register.getIpAddress();
        if (ip.isEmpty()) {
            return malformed("ip_address", "ip_address is empty; expected an IPv4 or IPv6 address literal");
        }
        IpLiteral literal = IpLiteral.parse(ip).orElse(null);
        if (literal == null) {
            return malformed("ip_address", "ip_address " + quote(ip) + " is not an IPv4 or IPv6 address literal");
        }
        long prefix = Integer.toUnsignedLong(register.getPrefixLength());
        if (prefix > literal.maxPrefixLength()) {
            return malformed("prefix_length", "prefix_length " + prefix + " exceeds " + literal.maxPrefixLength()
                    + " for the " + (literal.ipv6() ? "IPv6" : "IPv4") + " address " + ip);
        }

        String version = register.getClientVersion();
        try {
            VersionRange.parse(version);
        } catch (IllegalArgumentException e) {
            return malformed("client_version", "client_version " + quote(version) + " is not MAJOR.MINOR.PATCH");
        }
        if (!clientVersions.contains(version)) {
            return new PayloadValidation.UnsupportedClientVersion("client_version", shorten(version), clientVersions);
        }
        return new PayloadValidation.Valid(register);
    }

    private static PayloadValidation malformed(String field, String detail) {
        return new PayloadValidation.Malformed(field, detail);
    }
}
