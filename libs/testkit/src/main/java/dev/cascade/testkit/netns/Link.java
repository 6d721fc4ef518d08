package dev.cascade.testkit.netns;

/**
 * A namespace's interface on a {@link Segment}: one end of a veth pair inside the namespace, the
 * other end a port of the segment's bridge.
 *
 * @param namespace the namespace holding {@code device}
 * @param device    the interface inside it, e.g. {@code eth0} (where {@code tc} limits apply)
 * @param peer      the bridge port in the switch namespace
 * @param address   the address and prefix given to {@code device}, e.g. {@code 10.9.1.2/24}
 */
public record Link(Namespace namespace, String device, String peer, Segment segment, String address) {

    /** The address without its prefix, e.g. {@code 10.9.1.2}. */
    public String ip() {
        int slash = address.indexOf('/');
        return slash < 0 ? address : address.substring(0, slash);
    }
}
