package dev.cascade.cli.demo;

/**
 * One office of the demo's sample organisation.
 *
 * @param id             office id in the topology sheet
 * @param type           the sheet's office type: Standard, Wi-Fi or VPN
 * @param parentId       null for the central office
 * @param network        the first two octets of every office's /24 ("127.42" on loopback)
 * @param subnet         the third octet of its /24 ({network}.{subnet}.0/24)
 * @param agents         agents placed in it (the central office's seed comes on top)
 * @param linkBitsPerSecond the rate of its link to the parent office, each way (a VPN office: of each device's own
 *                          link); 0 for the central office
 */
public record DemoOffice(String id, String name, String type, String parentId, String network, int subnet, int agents,
                         long linkBitsPerSecond) {

    public boolean central() {
        return parentId == null;
    }

    /** Remote workers: every device has a link of its own and shares nothing (seed 001's VPN office). */
    public boolean vpn() {
        return "VPN".equals(type);
    }

    /** Its range in the topology sheet. */
    public String cidr() {
        return network + "." + subnet + ".0/24";
    }

    /** The address of its {@code n}th agent (n from 1). */
    public String agentAddress(int n) {
        return host(10 + n);
    }

    /** The address {@code {network}.{subnet}.{host}}. */
    public String host(int host) {
        return network + "." + subnet + "." + host;
    }

    /** Copies of a package that must cross into this office from outside: 0, 1, or one per VPN device. */
    public int copiesFromOutside() {
        return central() ? 0 : vpn() ? agents : 1;
    }
}
