package dev.cascade.agent;

import java.nio.file.Path;
import java.util.UUID;

import dev.cascade.wire.SenderIdFile;

/**
 * The device id: a random UUID created on the first run and kept in {@code <state-dir>/device-id},
 * so that a restarted agent is the same device to the server (the id is the datagram header's
 * sender id); written whole or not at all ({@link SenderIdFile}).
 */
public final class DeviceIdentity {

    public static final String FILE_NAME = "device-id";

    private DeviceIdentity() {
    }

    /** The id stored in {@code stateDir}, created (with the directory) when there is none yet. */
    public static UUID loadOrCreate(Path stateDir) {
        return SenderIdFile.loadOrCreate(stateDir.resolve(FILE_NAME), "device id");
    }
}
