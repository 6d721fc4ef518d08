package dev.cascade.cli.connector;

import java.io.PrintWriter;

import dev.cascade.contracts.v1.ActivationRequest;
import dev.cascade.contracts.v1.ActivationResult;
import dev.cascade.wire.IpLiteralSyntax;
import dev.cascade.wire.MessageType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cascade connector activate}: ACTIVATE → ACK → ACTIVATION_RESULT (protocol.md §16.2). On success the new
 * shared key is saved to the key file (the request's key kept as retired for its grace period) before it is reported.
 */
@Command(name = "activate", mixinStandardHelpOptions = true,
        description = {"Activate the server with a license key. The server answers with a new shared security key,",
                "which is saved to the key file (the previous key stays valid for the grace period) and shown by",
                "id and fingerprint only. Repeating it with the same license key changes nothing."})
final class ActivateCommand extends ConnectorAction {

    @Option(names = "--license-key", required = true, paramLabel = "KEY", description = "The license key (as `cascade license show` prints it)")
    String licenseKey;

    @Option(names = "--server-name", required = true, paramLabel = "NAME", description = "The server's name, as the console shows it")
    String serverName;

    @Option(names = "--server-ip", required = true, paramLabel = "IP", description = "The server's IPv4 or IPv6 address")
    String serverIp;

    @Override
    int run(PrintWriter out) {
        if (licenseKey.isBlank()) {
            throw new IllegalArgumentException("--license-key is empty");
        }
        if (serverName.isBlank() || serverName.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("--server-name '" + serverName + "' must be a non-empty name without control characters");
        }
        if (!IpLiteralSyntax.isIpv4(serverIp) && !IpLiteralSyntax.isIpv6(serverIp)) {
            throw new IllegalArgumentException("--server-ip '" + serverIp + "' is not an IPv4 or IPv6 address literal");
        }
        byte[] request = ActivationRequest.newBuilder().setLicenseKey(licenseKey.trim()).setServerName(serverName)
                .setServerIp(serverIp).setConnectorVersion(ConnectorVersions.CONNECTOR_VERSION).build().toByteArray();
        try (ConnectorSession session = options.open()) {
            ExchangeOutcome.Answered answered = session.ask(MessageType.ACTIVATE, request, MessageType.ACTIVATION_RESULT);
            ActivationResult result = ResultPayloads.parse(answered.result(), ActivationResult.parser());
            if (!result.getActivated()) {
                throw new ConnectorException("activation refused: " + (result.getDetail().isEmpty() ? "(no reason given)" : result.getDetail()));
            }
            String unsupported = ConnectorVersions.unsupportedServer(result.getServerVersion());
            if (!result.hasSharedKey()) {
                if (unsupported != null) {
                    throw new ConnectorException(unsupported);
                }
                out.printf("already activated: %s (key file %s unchanged, still shared key %d)%n", result.getDetail(),
                        session.keys().file(), answered.key().id());
                return 0;
            }
            // The server switched keys already: the key is kept even from a server this connector does not support,
            // or the connector would lose it (the server shows it once).
            String saved = KeyReceipt.save(session.keys(), result.getSharedKey(), answered.key(),
                    result.getPreviousKeyValidUntilUnixMs());
            if (unsupported != null) {
                throw new ConnectorException(unsupported + "; the server activated anyway and its new " + saved);
            }
            out.printf("activated %s (%s) for %s: %s%n", serverName, serverIp,
                    result.getCustomer().isEmpty() ? "(customer not given)" : result.getCustomer(), saved);
            out.printf("fleet key %d, %d client%s activated, server version %s%n", result.getFleetKeyId(),
                    result.getClientsActivated(), result.getClientsActivated() == 1 ? "" : "s", result.getServerVersion());
            if (!result.getDetail().isEmpty()) {
                out.println(result.getDetail());
            }
            return 0;
        }
    }
}
