package dev.cascade.cli.simulate;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import dev.cascade.contracts.Topics;
import dev.cascade.wire.DatagramCodec;

/**
 * What the control plane carries: every message of the run by simulated second, the datagrams each costs at the gateway
 * (docs/protocol.md §6.1, §10, §14, §15), and the Kafka records each becomes. Registrations and heartbeats do not
 * depend on the deployment: they are laid out over the window at the end, each agent at its own phase.
 */
final class ControlPlaneLedger {

    /** The messages counted, peer → server first. */
    enum Message {
        REGISTER(true, Topics.PEER_REGISTRATIONS), HEARTBEAT(true, Topics.PEER_HEARTBEATS),
        INVENTORY_REPORT(true, Topics.PEER_INVENTORY), TRANSFER_REPORT(true, Topics.PEER_TRANSFERS),
        PLAN_REQUEST(true, Topics.PEER_PLAN_REQUESTS), SOURCE_PLAN(false, Topics.GATEWAY_OUTBOUND),
        DEPLOYMENT_NOTICE(false, Topics.GATEWAY_OUTBOUND);

        final boolean fromPeer;
        final String topic;

        Message(boolean fromPeer, String topic) {
            this.fromPeer = fromPeer;
            this.topic = topic;
        }
    }

    /** The consumers of each topic (each service's {@code mp.messaging.incoming.*}). */
    static final Map<String, List<String>> CONSUMERS = Map.of(
            Topics.PEER_REGISTRATIONS, List.of("metadata-service", "licensing-service", "activation-service"),
            Topics.PEER_HEARTBEATS, List.of("metadata-service", "licensing-service", "activation-service"),
            Topics.PEER_INVENTORY, List.of("metadata-service"),
            Topics.PEER_TRANSFERS, List.of("metadata-service"),
            Topics.PEER_PLAN_REQUESTS, List.of("topology-service"),
            Topics.GATEWAY_OUTBOUND, List.of("udp-gateway"),
            Topics.PEER_REPLIES, List.of("metadata-service"));

    /** A peer sends reports of at most this many payload bytes as one datagram (PeerReports), larger ones as fragments. */
    static final int PEER_SMALL_PAYLOAD = 1_200;
    static final int FRAGMENT_SIZE = 1_200;

    private final Map<Message, SecondCounts> messages = new EnumMap<>(Message.class);
    private final SecondCounts datagramsIn = new SecondCounts();
    private final SecondCounts datagramsOut = new SecondCounts();
    private final Map<String, SecondCounts> topics = new java.util.TreeMap<>();

    ControlPlaneLedger() {
        for (Message message : Message.values()) {
            messages.put(message, new SecondCounts());
        }
        for (String topic : CONSUMERS.keySet()) {
            topics.put(topic, new SecondCounts());
        }
    }

    /**
     * One message of {@code payloadBytes}: a peer's report is acknowledged by the gateway once Kafka has it; a server
     * message is published for the gateway, sent, and acknowledged by the peer (that ACK becomes a peer reply).
     */
    void count(Message message, double time, int payloadBytes) {
        count(message, (long) Math.floor(time), payloadBytes, 1);
    }

    private void count(Message message, long second, int payloadBytes, long times) {
        messages.get(message).add(second, times);
        topics.get(message.topic).add(second, times);
        int limit = message.fromPeer ? PEER_SMALL_PAYLOAD : DatagramCodec.MAX_PAYLOAD_SIZE;
        boolean large = payloadBytes > limit;
        long sent = large ? (payloadBytes + FRAGMENT_SIZE - 1) / FRAGMENT_SIZE : 1;
        long answers = large ? 2 : 1; // the completing FRAGMENT_ACK, then the ACK
        (message.fromPeer ? datagramsIn : datagramsOut).add(second, sent * times);
        (message.fromPeer ? datagramsOut : datagramsIn).add(second, answers * times);
        if (!message.fromPeer) {
            topics.get(Topics.PEER_REPLIES).add(second, times);
        }
    }

    /**
     * {@code agents} each sending {@code message} every {@code intervalMs} over the first {@code windowMs}: agent i
     * first at i · interval / agents (the agents' jitter spreads them so), which makes exactly
     * ⌈agents · window / interval⌉ messages.
     */
    void periodic(Message message, int agents, long intervalMs, long windowMs, int payloadBytes) {
        for (long i = 0; i < agents; i++) {
            // times in units of 1 / agents ms, so that the phases are exact
            for (long t = i * intervalMs; t < windowMs * agents; t += intervalMs * agents) {
                count(message, t / (1000L * agents), payloadBytes, 1);
            }
        }
    }

    SimulationReport.ControlPlane report(long windowSeconds, SecondCounts plannerSeconds) {
        List<SimulationReport.MessageRate> byMessage = new ArrayList<>();
        for (Message message : Message.values()) {
            byMessage.add(new SimulationReport.MessageRate(message.name(), message.fromPeer ? "peer → server" : "server → peer",
                    messages.get(message).rate(windowSeconds)));
        }
        List<SimulationReport.TopicRate> byTopic = new ArrayList<>();
        Map<String, SecondCounts> byService = new java.util.TreeMap<>();
        for (var topic : topics.entrySet()) {
            List<String> consumers = CONSUMERS.get(topic.getKey());
            byTopic.add(new SimulationReport.TopicRate(topic.getKey(), consumers, topic.getValue().rate(windowSeconds)));
            for (String service : consumers) {
                byService.computeIfAbsent(service, s -> new SecondCounts()).addAll(topic.getValue());
            }
        }
        List<SimulationReport.ServiceRate> services = new ArrayList<>();
        for (var service : byService.entrySet()) {
            services.add(new SimulationReport.ServiceRate(service.getKey(), service.getValue().rate(windowSeconds)));
        }
        SecondCounts grpc = new SecondCounts();
        grpc.addAll(plannerSeconds);
        grpc.addAll(plannerSeconds); // two GetPlanningState calls per plan
        return new SimulationReport.ControlPlane(windowSeconds, datagramsIn.rate(windowSeconds), datagramsOut.rate(windowSeconds),
                byMessage, byTopic, services, plannerSeconds.rate(windowSeconds), grpc.rate(windowSeconds));
    }
}
