package dev.cascade.cli.connector;

import java.io.PrintWriter;
import java.time.Instant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.cascade.contracts.v1.ServerStatus;
import dev.cascade.contracts.v1.StatusRequest;
import dev.cascade.contracts.v1.SupportedRange;
import dev.cascade.wire.MessageType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cascade connector status}: STATUS_REQUEST → ACK → SERVER_STATUS (protocol.md §16.5). */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Ask the server for its version, activation, active clients, license seats, supported versions",
                "and key ids. --json prints one JSON object for scripts."})
final class StatusCommand extends ConnectorAction {

    @Option(names = "--json", description = "Print the status as one JSON object")
    boolean json;

    @Override
    int run(PrintWriter out) {
        byte[] request = StatusRequest.newBuilder().setConnectorVersion(ConnectorVersions.CONNECTOR_VERSION).build().toByteArray();
        try (ConnectorSession session = options.open()) {
            ExchangeOutcome.Answered answered = session.ask(MessageType.STATUS_REQUEST, request, MessageType.SERVER_STATUS);
            ServerStatus status = ResultPayloads.parse(answered.result(), ServerStatus.parser());
            String unsupported = ConnectorVersions.unsupportedServer(status.getServerVersion());
            if (unsupported != null) {
                throw new ConnectorException(unsupported);
            }
            if (json) {
                out.println(json(status, session, answered.key().id()));
            } else {
                text(out, status, session, answered.key().id());
            }
            return 0;
        }
    }

    private static void text(PrintWriter out, ServerStatus s, ConnectorSession session, long signedWith) {
        out.printf("server      %s, version %s%n", session.server(), s.getServerVersion());
        if (s.getActivated()) {
            out.printf("activated   %s (%s) since %s, customer %s%n", s.getServerName(), s.getServerIp(),
                    Instant.ofEpochMilli(s.getActivatedAtUnixMs()), s.getCustomer());
        } else {
            out.println("activated   no (cascade connector activate --license-key …)");
        }
        out.printf("clients     %d active%n", s.getActiveClients());
        long overage = Math.max(0, s.getSeatsUsed() - s.getSeatsPurchased());
        out.printf("seats       %d used of %d purchased%s%n", s.getSeatsUsed(), s.getSeatsPurchased(),
                overage > 0 ? ", " + overage + " over (billed as overage)" : "");
        out.printf("versions    clients %s, connectors %s (this connector %s)%n", range(s.getSupportedClientVersions()),
                range(s.getSupportedConnectorVersions()), ConnectorVersions.CONNECTOR_VERSION);
        out.printf("keys        shared key %d, fleet key %d; this connector signs with %d (%s)%n", s.getConnectorKeyId(),
                s.getFleetKeyId(), signedWith, session.keys().file());
    }

    private static String json(ServerStatus s, ConnectorSession session, long signedWith) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("server", session.server().toString());
        root.put("serverVersion", s.getServerVersion());
        root.put("activated", s.getActivated());
        if (s.getActivated()) {
            root.put("serverName", s.getServerName());
            root.put("serverIp", s.getServerIp());
            root.put("activatedAt", Instant.ofEpochMilli(s.getActivatedAtUnixMs()).toString());
            root.put("customer", s.getCustomer());
        }
        root.put("activeClients", s.getActiveClients());
        root.put("seatsUsed", s.getSeatsUsed());
        root.put("seatsPurchased", s.getSeatsPurchased());
        root.put("overage", Math.max(0, s.getSeatsUsed() - s.getSeatsPurchased()));
        root.putObject("supportedClientVersions").put("min", s.getSupportedClientVersions().getMin())
                .put("max", s.getSupportedClientVersions().getMax());
        root.putObject("supportedConnectorVersions").put("min", s.getSupportedConnectorVersions().getMin())
                .put("max", s.getSupportedConnectorVersions().getMax());
        root.put("connectorKeyId", Integer.toUnsignedLong(s.getConnectorKeyId()));
        root.put("fleetKeyId", Integer.toUnsignedLong(s.getFleetKeyId()));
        root.put("signedWithKeyId", signedWith);
        root.put("connectorId", session.connectorId().toString());
        try {
            return mapper.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always serialises", e);
        }
    }

    private static String range(SupportedRange range) {
        return range.getMin().isEmpty() && range.getMax().isEmpty() ? "(not given)" : range.getMin() + ".." + range.getMax();
    }
}
