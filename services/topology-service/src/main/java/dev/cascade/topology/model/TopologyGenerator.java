package dev.cascade.topology.model;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import inet.ipaddr.IPAddress;
import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv6.IPv6Address;

/**
 * Synthetic, valid topologies of any size for benchmarks, load tests and demos — the same output for
 * the same seed. Shape: the central office (10.0.0.0/16), one Standard region per 100 offices under
 * it, Standard branches under the regions, Wi-Fi sub-offices under branches, VPN offices under the
 * central office. Ranges are about 3/4 IPv4 (CIDR blocks /24 to /29, ranges that are not CIDR
 * aligned, single addresses) and 1/4 IPv6 (/64 and /56 blocks and unaligned ranges in 2001:db8::/32),
 * handed out in ascending order so that no two overlap, and spread over the offices at random.
 */
public final class TopologyGenerator {

    /** An address of the central office's range, for {@link TopologyValidator#TopologyValidator(String)}. */
    public static final String SERVER_IP = "10.0.0.10";

    private static final long IPV4_START = (10L << 24) | (1L << 16); // 10.1.0.0, after the central office
    private static final BigInteger IPV6_BASE = new BigInteger("20010db8", 16).shiftLeft(96);

    private final Random random;
    private long ipv4Cursor = IPV4_START;
    private long ipv6Block;

    public TopologyGenerator(long seed) {
        this.random = new Random(seed);
    }

    /**
     * A valid topology of {@code offices} offices holding {@code ranges} ranges in all.
     *
     * @throws IllegalArgumentException unless every office but the central one can get a range
     *                                  ({@code ranges >= offices}) and the IPv4 space suffices
     *                                  (about 100 000 ranges per 10.0.0.0/8)
     */
    public Topology generate(int offices, int ranges) {
        if (offices < 1 || ranges < offices) {
            throw new IllegalArgumentException("need at least one office and a range per office: " + offices
                    + " offices, " + ranges + " ranges");
        }
        ipv4Cursor = IPV4_START;
        ipv6Block = 0;
        List<OfficeDefinition> drafts = hierarchy(offices);
        List<List<SubnetRange>> rangesOf = new ArrayList<>();
        for (int i = 0; i < offices; i++) {
            rangesOf.add(new ArrayList<>());
        }
        rangesOf.get(0).add(SubnetRange.parse("10.0.0.0/16"));
        for (int i = 1; i < offices; i++) {
            rangesOf.get(i).add(nextRange());
        }
        for (int n = offices; n < ranges; n++) {
            rangesOf.get(offices == 1 ? 0 : 1 + random.nextInt(offices - 1)).add(nextRange());
        }
        List<OfficeDefinition> result = new ArrayList<>(offices);
        for (int i = 0; i < offices; i++) {
            result.add(drafts.get(i).withRanges(rangesOf.get(i)));
        }
        return Topology.of(result);
    }

    /**
     * {@code count} peers of {@code topology}: most at a random address of a random range, about one
     * in twenty at an address no range holds (so in the central office), each placed where the
     * topology resolves it.
     */
    public List<PeerPlacement> peers(Topology topology, int count) {
        List<SubnetRange> all = topology.offices().stream().flatMap(office -> office.ranges().stream()).toList();
        List<PeerPlacement> peers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String ip;
            if (all.isEmpty() || random.nextInt(20) == 0) {
                ip = "192.168." + random.nextInt(256) + "." + (1 + random.nextInt(254));
            } else {
                SubnetRange range = all.get(random.nextInt(all.size()));
                BigInteger offset = new BigInteger(range.size().bitLength() + 8, random).mod(range.size());
                ip = address(range.first(), range.firstValue().add(offset)).toCanonicalString();
            }
            String office = topology.resolver().resolve(ip).officeId();
            peers.add(new PeerPlacement(uuid().toString(), String.format("host-%06d", i), ip, office));
        }
        return peers;
    }

    private List<OfficeDefinition> hierarchy(int offices) {
        List<OfficeDefinition> drafts = new ArrayList<>(offices);
        drafts.add(OfficeDefinition.of(Topology.CENTRAL_ID, Topology.CENTRAL_NAME, OfficeKind.STANDARD, null, List.of()));
        int regions = Math.min(offices - 1, Math.max(1, offices / 100));
        List<String> branches = new ArrayList<>();
        for (int i = 1; i < offices; i++) {
            String id;
            OfficeKind type;
            String parent;
            if (i <= regions) {
                id = String.format("region-%03d", i);
                type = OfficeKind.STANDARD;
                parent = Topology.CENTRAL_ID;
            } else {
                int roll = random.nextInt(10);
                id = String.format("office-%06d", i);
                if (roll < 2 && !branches.isEmpty()) {
                    type = OfficeKind.WIFI;
                    parent = branches.get(random.nextInt(branches.size()));
                } else if (roll < 3) {
                    type = OfficeKind.VPN;
                    parent = Topology.CENTRAL_ID;
                } else {
                    type = OfficeKind.STANDARD;
                    parent = String.format("region-%03d", 1 + random.nextInt(regions));
                    branches.add(id);
                }
            }
            List<String> rvps = new ArrayList<>();
            for (int n = random.nextInt(10) < 3 ? 1 + random.nextInt(2) : 0; n > 0; n--) {
                rvps.add(uuid().toString());
            }
            String name = (type == OfficeKind.WIFI ? "Wi-Fi " : type == OfficeKind.VPN ? "VPN " : "Office ") + id;
            drafts.add(new OfficeDefinition(id, name, type, parent, List.of(), rvps, random.nextInt(10) == 0,
                    random.nextInt(5) == 0));
        }
        return drafts;
    }

    private SubnetRange nextRange() {
        return random.nextInt(4) == 0 ? nextIpv6Range() : nextIpv4Range();
    }

    private SubnetRange nextIpv4Range() {
        int roll = random.nextInt(100);
        long first;
        long last;
        if (roll < 15) {
            first = align(ipv4Cursor, 256);
            last = first + 255;
        } else if (roll < 65) {
            long size = 1L << (3 + random.nextInt(5)); // /29 .. /25
            first = align(ipv4Cursor, size);
            last = first + size - 1;
        } else if (roll < 90) {
            first = ipv4Cursor + 1 + random.nextInt(15);
            last = first + 9 + random.nextInt(190);
        } else {
            first = ipv4Cursor + random.nextInt(4);
            last = first;
        }
        if (last >= (11L << 24)) {
            throw new IllegalArgumentException("the generator's IPv4 space 10.0.0.0/8 is used up: ask for fewer ranges");
        }
        ipv4Cursor = last + 1 + random.nextInt(16);
        return SubnetRange.between(new IPv4Address((int) first), new IPv4Address((int) last));
    }

    private SubnetRange nextIpv6Range() {
        int roll = random.nextInt(10);
        BigInteger first;
        BigInteger last;
        if (roll < 2) {
            ipv6Block = align(ipv6Block, 256);
            first = IPV6_BASE.add(BigInteger.valueOf(ipv6Block).shiftLeft(64));
            last = first.add(BigInteger.ONE.shiftLeft(72)).subtract(BigInteger.ONE);
            ipv6Block += 256;
        } else {
            first = IPV6_BASE.add(BigInteger.valueOf(ipv6Block).shiftLeft(64));
            last = first.add(BigInteger.ONE.shiftLeft(64)).subtract(BigInteger.ONE);
            if (roll >= 7) {
                first = first.add(BigInteger.valueOf(1 + random.nextInt(1000)));
                last = first.add(BigInteger.valueOf(100 + random.nextInt(100_000)));
            }
            ipv6Block += 1 + random.nextInt(3);
        }
        return SubnetRange.between(new IPv6Address(first), new IPv6Address(last));
    }

    private static long align(long value, long size) {
        return (value + size - 1) / size * size;
    }

    private static IPAddress address(IPAddress like, BigInteger value) {
        return like.isIPv4() ? new IPv4Address(value.intValue()) : new IPv6Address(value);
    }

    private UUID uuid() {
        return new UUID(random.nextLong(), random.nextLong());
    }
}
