package dev.cascade.agent;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.google.protobuf.InvalidProtocolBufferException;

import dev.cascade.contracts.v1.Ack;
import dev.cascade.contracts.v1.DeploymentNotice;
import dev.cascade.contracts.v1.InventoryReport;
import dev.cascade.contracts.v1.PlanRequest;
import dev.cascade.contracts.v1.SourcePlan;
import dev.cascade.contracts.v1.TransferReport;
import dev.cascade.wire.Datagram;
import dev.cascade.wire.DatagramCodec;
import dev.cascade.wire.DatagramVerifier;
import dev.cascade.wire.KeyRing;
import dev.cascade.wire.MessageType;
import dev.cascade.wire.ReplayGuard;
import dev.cascade.wire.Verification;
import dev.cascade.wire.WireKey;

/**
 * A stand-in for the server side of content distribution on one real UDP socket (on 127.0.0.1, or on the address a
 * namespace test gives it on an office bridge; the gateway's
 * 34322/34323 in one): verifies every datagram with the fleet key, ACKs registrations, heartbeats and reports as the
 * gateway does once they are durable, answers each PLAN_REQUEST with the SOURCE_PLAN its {@link Planner} gives (sent
 * to the request's source address and reply_port), and sends DEPLOYMENT_NOTICEs. It records what the agents sent.
 */
final class PlanningServer implements AutoCloseable {

    /** The plan for the {@code nth} (1-based) request of {@code device}; null to send none. */
    @FunctionalInterface
    interface Planner {
        SourcePlan plan(UUID device, PlanRequest request, int nth);
    }

    /** One report as the server took it. */
    record Report<T>(UUID device, T report) {
    }

    private final WireKey key;
    private final UUID serverId = UUID.randomUUID();
    private final DatagramSocket socket;
    private final Thread thread;
    private volatile Planner planner;
    private final List<Report<PlanRequest>> planRequests = new ArrayList<>();
    private final List<Report<TransferReport>> transfers = new ArrayList<>();
    private final List<Report<InventoryReport>> inventories = new ArrayList<>();
    private long sequence;

    PlanningServer(WireKey key, Planner planner) throws SocketException {
        this(key, InetAddress.getLoopbackAddress(), planner);
    }

    /** On any free port of {@code bind}, e.g. the test's own address on a namespace lab's bridge. */
    PlanningServer(WireKey key, InetAddress bind, Planner planner) throws SocketException {
        this.key = key;
        this.planner = planner;
        this.socket = new DatagramSocket(0, bind);
        DatagramVerifier verifier = new DatagramVerifier(KeyRing.of(key), new ReplayGuard(64), Duration.ofMinutes(1),
                Clock.systemUTC(), Set.of(MessageType.REGISTER, MessageType.HEARTBEAT, MessageType.INVENTORY_REPORT,
                MessageType.TRANSFER_REPORT, MessageType.PLAN_REQUEST, MessageType.ACK, MessageType.REJECT));
        this.thread = new Thread(() -> serve(verifier), "planning-server");
        thread.start();
    }

    void planner(Planner planner) {
        this.planner = planner;
    }

    String address() {
        return socket.getLocalAddress().getHostAddress() + ":" + socket.getLocalPort();
    }

    int port() {
        return socket.getLocalPort();
    }

    private void serve(DatagramVerifier verifier) {
        byte[] buffer = new byte[DatagramCodec.MAX_DATAGRAM_SIZE];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
                if (verifier.verify(buffer, packet.getLength()) instanceof Verification.Accepted accepted) {
                    handle(accepted.datagram(), (InetSocketAddress) packet.getSocketAddress());
                }
            } catch (IOException e) {
                return; // closed
            } catch (RuntimeException | AssertionError e) {
                e.printStackTrace(); // one bad datagram must not stop the stand-in; the test's awaits show what is missing
            }
        }
    }

    private void handle(Datagram datagram, InetSocketAddress from) throws IOException {
        if (datagram.type() == MessageType.ACK || datagram.type() == MessageType.REJECT) {
            return; // the agent's answer to a notice or a plan
        }
        UUID device = datagram.header().senderId();
        long acked = datagram.header().sequence();
        send(MessageType.ACK, Ack.newBuilder().setAckedSequence(acked).setEventId(UUID.randomUUID().toString()).build()
                .toByteArray(), from);
        switch (datagram.type()) {
            case INVENTORY_REPORT -> add(inventories, new Report<>(device, parse(() -> InventoryReport.parseFrom(datagram.payload()))));
            case TRANSFER_REPORT -> add(transfers, new Report<>(device, parse(() -> TransferReport.parseFrom(datagram.payload()))));
            case PLAN_REQUEST -> {
                PlanRequest request = parse(() -> PlanRequest.parseFrom(datagram.payload()));
                int nth;
                synchronized (planRequests) {
                    planRequests.add(new Report<>(device, request));
                    nth = (int) planRequests.stream().filter(r -> r.device().equals(device)).count();
                }
                SourcePlan plan = planner.plan(device, request, nth);
                if (plan != null) {
                    send(MessageType.SOURCE_PLAN, plan.toByteArray(), new InetSocketAddress(from.getAddress(),
                            request.getReplyPort()));
                }
            }
            default -> {
                // REGISTER, HEARTBEAT: the ACK is all
            }
        }
    }

    void notice(DeploymentNotice notice, int listenPort) throws IOException {
        notice(notice, new InetSocketAddress(InetAddress.getLoopbackAddress(), listenPort));
    }

    /** Sends {@code notice} to an agent elsewhere, e.g. in a namespace of the office bridge. */
    void notice(DeploymentNotice notice, InetSocketAddress agent) throws IOException {
        send(MessageType.DEPLOYMENT_NOTICE, notice.toByteArray(), agent);
    }

    private synchronized void send(MessageType type, byte[] payload, InetSocketAddress to) throws IOException {
        byte[] datagram = DatagramCodec.encode(type, serverId, key, ++sequence, System.currentTimeMillis(), payload);
        socket.send(new DatagramPacket(datagram, datagram.length, to));
    }

    List<Report<PlanRequest>> planRequests() {
        return copy(planRequests);
    }

    List<Report<TransferReport>> transfers() {
        return copy(transfers);
    }

    List<Report<InventoryReport>> inventories() {
        return copy(inventories);
    }

    private static <T> void add(List<T> list, T item) {
        synchronized (list) {
            list.add(item);
        }
    }

    private static <T> List<T> copy(List<T> list) {
        synchronized (list) {
            return List.copyOf(list);
        }
    }

    private interface Parse<T> {
        T parse() throws InvalidProtocolBufferException;
    }

    private static <T> T parse(Parse<T> parse) {
        try {
            return parse.parse();
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("the agent sent a payload that does not parse", e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        thread.join(5_000);
    }
}
