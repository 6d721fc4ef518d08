package dev.cascade.cli.demo;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Where the demo's agents run and how the bytes between offices are carried and counted: loopback addresses in this
 * JVM behind WAN links emulated in user space ({@link LoopbackNetwork}), or hosts in network namespaces behind routers
 * whose links are shaped by the kernel ({@link NetnsNetwork}, {@code --netns}).
 */
interface DemoNetwork extends AutoCloseable {

    /** The network of the scenario's offices: the first two octets of every office's /24. */
    String scenarioNetwork();

    /** The address the gateway's UDP sockets bind. */
    String gatewayBindHost();

    /** One line for the demo's progress: what this network is. */
    String describe();

    /** Sets up the offices and their links (before any agent starts). */
    void open(DemoScenario scenario);

    /** The address the agents of {@code office} send to the server (the gateway). */
    String serverHost(DemoOffice office);

    /** Options this network adds to every agent's command line (ports, discovery). */
    List<String> agentOptions(DemoOffice office);

    /** Starts an agent at {@code address} of {@code office} with {@code args}; its output goes to {@code log}. */
    void startAgent(String hostname, DemoOffice office, String address, List<String> args, Path log);

    /** Agents that stopped on their own, with their exit codes. */
    Map<String, Integer> exited();

    /** Stops every agent cleanly (their caches closed), keeping the network up for the counters. */
    void stopAgents();

    /** Bytes delivered into each office from above, by office id, as the links measured them. */
    Map<String, Long> bytesIntoOffices();

    /** Bytes every link delivered towards the offices it feeds (the content direction). */
    long bytesIn();

    /** Bytes every link delivered towards the parents (requests). */
    long bytesOut();

    /** What {@link #bytesIn()} counts, for the summary ("UDP payload", "bytes on the wire"). */
    String measuredAs();

    /** Stops the agents and takes the network down. */
    @Override
    void close();
}
