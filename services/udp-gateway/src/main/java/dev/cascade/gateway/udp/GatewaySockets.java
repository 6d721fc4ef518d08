package dev.cascade.gateway.udp;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;

import dev.cascade.gateway.config.GatewayConfig;

/** One {@link GatewaySocket} per {@link ServerPort}, bound together and closed together. */
public final class GatewaySockets implements AutoCloseable {

    private final Map<ServerPort, GatewaySocket> sockets = new EnumMap<>(ServerPort.class);

    public GatewaySockets(Map<ServerPort, GatewaySocket> sockets) {
        for (ServerPort port : ServerPort.values()) {
            GatewaySocket socket = sockets.get(port);
            if (socket == null) {
                throw new IllegalArgumentException("no socket for the " + port.label() + " port");
            }
            this.sockets.put(port, socket);
        }
    }

    public static GatewaySockets from(GatewayConfig config) {
        Map<ServerPort, GatewaySocket> sockets = new EnumMap<>(ServerPort.class);
        for (ServerPort port : ServerPort.values()) {
            sockets.put(port, new GatewaySocket(port, config.host(), port.configuredPort(config),
                    config.socketReceiveBufferBytes()));
        }
        return new GatewaySockets(sockets);
    }

    public GatewaySocket get(ServerPort port) {
        return sockets.get(port);
    }

    /** In {@link ServerPort} order, small messages first. */
    public Collection<GatewaySocket> all() {
        return sockets.values();
    }

    /** Binds every port; if one fails, closes those already bound and throws naming the failed one. */
    public void bindAll() {
        Collection<GatewaySocket> bound = new ArrayList<>();
        try {
            for (GatewaySocket socket : sockets.values()) {
                socket.bind();
                bound.add(socket);
            }
        } catch (RuntimeException e) {
            bound.forEach(GatewaySocket::close);
            throw e;
        }
    }

    public boolean allBound() {
        return sockets.values().stream().allMatch(GatewaySocket::isBound);
    }

    @Override
    public void close() {
        sockets.values().forEach(GatewaySocket::close);
    }
}
