package dev.cascade.cli.connector;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;

import dev.cascade.wire.Datagram;

/** Parses a verified result datagram's payload; one that does not parse is the server's bug, reported as such. */
final class ResultPayloads {

    private ResultPayloads() {
    }

    static <T extends Message> T parse(Datagram datagram, Parser<T> parser) {
        try {
            return parser.parseFrom(datagram.payload());
        } catch (InvalidProtocolBufferException e) {
            throw new ConnectorException("the server's " + datagram.type() + " does not parse (" + e.getMessage()
                    + "); nothing was changed");
        }
    }
}
