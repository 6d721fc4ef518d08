package dev.cascade.testkit.netns;

/**
 * One layer-2 segment of a {@link NamespaceLab}: a Linux bridge in the lab's switch namespace. Every
 * namespace connected to it shares its broadcast domain, like the hosts of one office subnet.
 *
 * @param name   the name the test gave it
 * @param bridge the bridge device in the switch namespace
 */
public record Segment(String name, String bridge) {
}
