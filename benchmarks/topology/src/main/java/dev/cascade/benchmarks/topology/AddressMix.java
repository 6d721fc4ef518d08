package dev.cascade.benchmarks.topology;

import dev.cascade.topology.model.OfficeResolver;

/**
 * What a ring of benchmark addresses is made of, so a reader of the results knows which lookups were
 * measured: IPv6 ones, ones no range holds (answered with the central office), and ones that land in
 * a range that is not CIDR-aligned (several prefix blocks in the trie).
 */
record AddressMix(int total, int ipv6, int central, int unalignedRange) {

    static AddressMix of(OfficeResolver resolver, String[] addresses) {
        int ipv6 = 0;
        int central = 0;
        int unaligned = 0;
        for (String address : addresses) {
            if (address.indexOf(':') >= 0) {
                ipv6++;
            }
            OfficeResolver.Match match = resolver.resolve(address);
            if (!match.matched()) {
                central++;
            } else if (match.range().label().indexOf('-') >= 0) { // "first-last": the generator's unaligned ranges
                unaligned++;
            }
        }
        return new AddressMix(addresses.length, ipv6, central, unaligned);
    }

    void print(int offices, int ranges) {
        // JMH shows setup output in its log, next to the numbers it explains
        System.out.printf("%n%,d offices, %,d ranges; %,d addresses: %.1f %% IPv6, %.1f %% in no range (central office), "
                        + "%.1f %% in a range that is not CIDR-aligned%n", offices, ranges, total,
                100.0 * ipv6 / total, 100.0 * central / total, 100.0 * unalignedRange / total);
    }
}
