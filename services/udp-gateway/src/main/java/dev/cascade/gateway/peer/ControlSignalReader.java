package dev.cascade.gateway.peer;

import com.google.protobuf.InvalidProtocolBufferException;

import dev.cascade.contracts.v1.ControlSignal;
import dev.cascade.gateway.ingest.PayloadReader;
import dev.cascade.gateway.ingest.PayloadValidation;
import dev.cascade.wire.MessageType;

/** A CONTROL datagram (port 34545): it must parse and name a kind of signal. */
public final class ControlSignalReader implements PayloadReader {

    @Override
    public PayloadValidation read(MessageType type, byte[] payload) {
        try {
            ControlSignal signal = ControlSignal.parseFrom(payload);
            if (signal.getKind() == ControlSignal.Kind.KIND_UNSPECIFIED || signal.getKind() == ControlSignal.Kind.UNRECOGNIZED) {
                return new PayloadValidation.Malformed("kind", "kind " + signal.getKindValue()
                        + " is not a control signal kind; expected START, PAUSE, RESUME, STOP or DELAY_REPORT");
            }
            return new PayloadValidation.Valid(signal);
        } catch (InvalidProtocolBufferException e) {
            return new PayloadValidation.Malformed("payload", "payload is not a cascade.v1.ControlSignal message");
        }
    }
}
