package dev.cascade.cli.connector;

import java.io.PrintWriter;

import dev.cascade.contracts.v1.KeyRotationRequest;
import dev.cascade.contracts.v1.KeyRotationResult;
import dev.cascade.wire.MessageType;
import picocli.CommandLine.Command;

/** {@code cascade connector rotate-key}: "generate a new shared key" (protocol.md §16.3). */
@Command(name = "rotate-key", mixinStandardHelpOptions = true,
        description = {"Generate a new shared security key. The server sends it wrapped with the current one; it is",
                "saved to the key file, and the current key stays valid until the end of the grace period."})
final class RotateKeyCommand extends ConnectorAction {

    @Override
    int run(PrintWriter out) {
        byte[] request = KeyRotationRequest.newBuilder().setConnectorVersion(ConnectorVersions.CONNECTOR_VERSION).build()
                .toByteArray();
        try (ConnectorSession session = options.open()) {
            ExchangeOutcome.Answered answered = session.ask(MessageType.KEY_ROTATION_REQUEST, request,
                    MessageType.KEY_ROTATION_RESULT);
            KeyRotationResult result = ResultPayloads.parse(answered.result(), KeyRotationResult.parser());
            if (!result.getRotated()) {
                throw new ConnectorException("key rotation refused: " + (result.getDetail().isEmpty() ? "(no reason given)" : result.getDetail()));
            }
            if (!result.hasSharedKey()) {
                throw new ConnectorException("the server says it rotated the key but sent none; key file "
                        + session.keys().file() + " unchanged");
            }
            out.println("rotated: " + KeyReceipt.save(session.keys(), result.getSharedKey(), answered.key(),
                    result.getPreviousKeyValidUntilUnixMs()));
            return 0;
        }
    }
}
