package dev.cascade.cli.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The sample organisation the demo runs: a central office holding the seed (the content library), three branches over
 * WAN links — one with a Wi-Fi sub-office — and an office of VPN remote workers, with the agents spread over them in
 * fixed proportions. Every office is a /24 of {@code {network}.0.0/16} (127.42 on loopback, so each agent has a
 * loopback address of its own; 10.42 in network namespaces).
 */
public record DemoScenario(List<DemoOffice> offices, long packageBytes) {

    /** Agents per office out of 30, in {@link #sample} order. */
    private static final int[] WEIGHTS = {6, 7, 4, 6, 5, 2};
    public static final int MIN_AGENTS = WEIGHTS.length;
    /** The network of the loopback variant: 127.42.0.0/16. */
    public static final String LOOPBACK = "127.42";

    public DemoScenario {
        offices = List.copyOf(offices);
    }

    /**
     * @param agents     agents in all (at least one per office)
     * @param wanBits    the branches' WAN rate, bits/s; Branch South gets half, each VPN device half, the Wi-Fi
     *                   sub-office's link (same building, wireless) five times
     */
    public static DemoScenario sample(int agents, long packageBytes, long wanBits) {
        return sample(LOOPBACK, agents, packageBytes, wanBits);
    }

    /** The sample organisation on {@code network} (the first two octets of every office's /24). */
    public static DemoScenario sample(String network, int agents, long packageBytes, long wanBits) {
        if (agents < MIN_AGENTS) {
            throw new IllegalArgumentException("the sample organisation needs at least " + MIN_AGENTS
                    + " agents (one per office), not " + agents);
        }
        int[] counts = spread(agents);
        List<DemoOffice> offices = List.of(
                new DemoOffice("central", "Central office", "Standard", null, network, 1, counts[0], 0),
                new DemoOffice("north", "Branch North", "Standard", "central", network, 2, counts[1], wanBits),
                new DemoOffice("north-wifi", "Branch North Wi-Fi", "Wi-Fi", "north", network, 3, counts[2], wanBits * 5),
                new DemoOffice("south", "Branch South", "Standard", "central", network, 4, counts[3], wanBits / 2),
                new DemoOffice("east", "Branch East", "Standard", "central", network, 5, counts[4], wanBits),
                new DemoOffice("vpn", "Remote workers (VPN)", "VPN", "central", network, 6, counts[5], wanBits / 2));
        return new DemoScenario(offices, packageBytes);
    }

    /** Largest remainders over {@link #WEIGHTS}, at least one agent each. */
    static int[] spread(int agents) {
        int total = 0;
        for (int w : WEIGHTS) {
            total += w;
        }
        int[] counts = new int[WEIGHTS.length];
        double[] remainders = new double[WEIGHTS.length];
        int given = 0;
        for (int i = 0; i < WEIGHTS.length; i++) {
            double share = (double) agents * WEIGHTS[i] / total;
            counts[i] = Math.max(1, (int) Math.floor(share));
            remainders[i] = share - Math.floor(share);
            given += counts[i];
        }
        while (given < agents) {
            int best = 0;
            for (int i = 1; i < WEIGHTS.length; i++) {
                if (remainders[i] > remainders[best]) {
                    best = i;
                }
            }
            counts[best]++;
            remainders[best] = -1;
            given++;
        }
        while (given > agents) { // the minimum of one pushed us over: take from the largest office
            int largest = 0;
            for (int i = 1; i < WEIGHTS.length; i++) {
                if (counts[i] > counts[largest]) {
                    largest = i;
                }
            }
            counts[largest]--;
            given--;
        }
        return counts;
    }

    public DemoOffice central() {
        return offices.get(0);
    }

    public Optional<DemoOffice> office(String id) {
        return offices.stream().filter(o -> o.id().equals(id)).findFirst();
    }

    /** The office whose /24 holds {@code address}. */
    public Optional<DemoOffice> officeOf(String address) {
        return offices.stream().filter(o -> address.startsWith(o.network() + "." + o.subnet() + ".")).findFirst();
    }

    /** The seed's address: the central office's .2. */
    public String seedAddress() {
        return central().host(2);
    }

    public int agentCount() {
        return offices.stream().mapToInt(DemoOffice::agents).sum();
    }

    /** Every agent, office by office (the seed not included). */
    public List<DemoAgent> agents() {
        List<DemoAgent> agents = new ArrayList<>();
        for (DemoOffice office : offices) {
            for (int n = 1; n <= office.agents(); n++) {
                agents.add(new DemoAgent(office.id() + "-pc-" + String.format("%02d", n), office, office.agentAddress(n)));
            }
        }
        return agents;
    }

    /** Bytes that must cross WAN links at the least: the package once into each office fed from outside (once per VPN device). */
    public long wanLimitBytes() {
        return packageBytes * offices.stream().mapToInt(DemoOffice::copiesFromOutside).sum();
    }

    /** Bytes a naive distribution moves from the central office: the package once per agent. */
    public long naiveBytes() {
        return packageBytes * agentCount();
    }

    /** The topology sheet (docs/topology-format.md) that places the offices. */
    public String topologyCsv() {
        StringBuilder csv = new StringBuilder("office_id,name,type,parent_id,subnets\n");
        for (DemoOffice office : offices) {
            csv.append(office.id()).append(',').append(office.name()).append(',').append(office.type()).append(',')
                    .append(office.parentId() == null ? "" : office.parentId()).append(',').append(office.cidr()).append('\n');
        }
        return csv.toString();
    }
}
