package dev.cascade.cli.demo.netns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.cascade.cli.demo.DemoScenario;

class NamespacePlanTest {

    private static final DemoScenario SCENARIO = DemoScenario.sample("10.42", 30, 1 << 20, 20_000_000);
    private static final NamespacePlan PLAN = NamespacePlan.of(SCENARIO);

    @Test
    void everyOfficeIsALanWithTheCliOnItAndEveryVpnDeviceALanOfItsOwn() {
        assertThat(PLAN.lans()).extracting(NamespacePlan.Lan::name)
                .containsExactly("o1", "o2", "o3", "o4", "o5", "v6x11", "v6x12");
        assertThat(PLAN.lans()).filteredOn(l -> l.name().startsWith("o")).extracting(l -> l.rootAddress().orElseThrow())
                .containsExactly("10.42.1.1/24", "10.42.2.1/24", "10.42.3.1/24", "10.42.4.1/24", "10.42.5.1/24");
        assertThat(PLAN.lans()).filteredOn(l -> l.name().startsWith("v")).allMatch(l -> l.rootAddress().isEmpty());
        assertThat(PLAN.hosts()).hasSize(31); // the seed and 30 agents
        assertThat(PLAN.host("10.42.1.2").lan()).isEqualTo("o1");
        assertThat(PLAN.host("10.42.6.12").lan()).isEqualTo("v6x12");
        assertThat(PLAN.serverHost(SCENARIO.office("north-wifi").orElseThrow())).isEqualTo("10.42.3.1");
        assertThat(PLAN.serverHost(SCENARIO.office("vpn").orElseThrow())).as("a VPN device reaches the server over its link")
                .isEqualTo("10.42.1.1");
    }

    @Test
    void aRouterPerSubOfficeAndPerVpnDeviceAtTheOfficesRate() {
        assertThat(PLAN.routers()).extracting(NamespacePlan.Router::namespace)
                .containsExactly("r2", "r3", "r4", "r5", "r6x11", "r6x12");
        NamespacePlan.Router wifi = router("r3");
        assertThat(wifi.upAddress()).isEqualTo("10.42.2.253/24");
        assertThat(wifi.downAddress()).isEqualTo("10.42.3.254/24");
        assertThat(wifi.bitsPerSecond()).isEqualTo(100_000_000);
        assertThat(router("r4").bitsPerSecond()).isEqualTo(10_000_000);
        assertThat(List.of(router("r2"), router("r4"), router("r5"), router("r6x11"), router("r6x12")))
                .extracting(NamespacePlan.Router::upAddress).as("up legs in the central office, .253 downwards")
                .containsExactly("10.42.1.253/24", "10.42.1.252/24", "10.42.1.251/24", "10.42.1.250/24", "10.42.1.249/24");
        assertThat(router("r6x12").feeds().id()).isEqualTo("vpn");
        assertThat(router("r6x12").bitsPerSecond()).isEqualTo(10_000_000);
    }

    @Test
    void theCliReachesOnlyTheVpnDevicesThroughRouters() {
        assertThat(PLAN.rootRoutes()).containsExactly(new NamespacePlan.Route("10.42.6.11/32", "10.42.1.250"),
                new NamespacePlan.Route("10.42.6.12/32", "10.42.1.249"));
    }

    /** Forwards a datagram hop by hop as the kernels would, from every host to every other host. */
    @Test
    void everyHostReachesEveryOtherAcrossExactlyTheWanLinksBetweenTheirOffices() {
        for (NamespacePlan.Host from : PLAN.hosts()) {
            for (NamespacePlan.Host to : PLAN.hosts()) {
                if (from == to) {
                    continue;
                }
                List<String> routers = path(from, to.ip());
                assertThat(routers).as("%s -> %s", from.ip(), to.ip()).isEqualTo(expectedRouters(from.ip(), to.ip()));
            }
        }
    }

    @Test
    void fewerAgentsStillGiveEveryOfficeItsLan() {
        NamespacePlan small = NamespacePlan.of(DemoScenario.sample("10.42", 6, 1 << 20, 1_000_000));
        assertThat(small.hosts()).hasSize(7);
        assertThat(small.routers()).extracting(NamespacePlan.Router::namespace).containsExactly("r2", "r3", "r4", "r5", "r6x11");
        assertThat(NamespacePlan.hostNamespace("10.42.6.11")).isEqualTo("h6x11");
    }

    /** The WAN links between two offices: up from the source to the common ancestor, down to the destination. */
    private static List<String> expectedRouters(String from, String to) {
        List<String> up = chain(from);
        List<String> down = chain(to);
        List<String> common = new ArrayList<>(up);
        common.retainAll(down);
        List<String> path = new ArrayList<>(up.stream().filter(r -> !common.contains(r)).toList());
        List<String> descent = new ArrayList<>(down.stream().filter(r -> !common.contains(r)).toList());
        java.util.Collections.reverse(descent);
        path.addAll(descent);
        return path;
    }

    /** The routers from a host's LAN up to the central office, nearest first. */
    private static List<String> chain(String address) {
        List<String> chain = new ArrayList<>();
        String lan = PLAN.host(address).lan();
        while (true) {
            String current = lan;
            Optional<NamespacePlan.Router> up = PLAN.routers().stream().filter(r -> r.downLan().equals(current)).findFirst();
            if (up.isEmpty()) {
                return chain;
            }
            chain.add(up.get().namespace());
            lan = up.get().upLan();
        }
    }

    /** The routers a datagram from {@code from} to {@code destination} passes, following the plan's addresses and routes. */
    private static List<String> path(NamespacePlan.Host from, String destination) {
        List<String> routers = new ArrayList<>();
        Set<String> visited = new HashSet<>();
        Node node = Node.of(from);
        while (true) {
            if (node.addresses().stream().anyMatch(a -> NamespacePlan.ip(a).equals(destination))) {
                return routers;
            }
            if (!visited.add(node.name())) {
                throw new AssertionError("routing loop at " + node.name() + " towards " + destination + " via " + routers);
            }
            Hop hop = node.next(destination);
            node = neighbour(hop.lan(), hop.ip());
            if (node.router()) {
                routers.add(node.name());
            }
        }
    }

    private record Hop(String lan, String ip) {
    }

    /** A host or router as the kernel sees it: interfaces (lan, address/24) and routes. */
    private record Node(String name, boolean router, List<String> lans, List<String> addresses,
                        List<NamespacePlan.Route> routes) {

        static Node of(NamespacePlan.Host host) {
            return new Node(host.namespace(), false, List.of(host.lan()), List.of(host.address()), host.routes());
        }

        static Node of(NamespacePlan.Router router) {
            return new Node(router.namespace(), true, List.of(router.upLan(), router.downLan()),
                    List.of(router.upAddress(), router.downAddress()), router.routes());
        }

        /** Longest prefix first: a route's /32 or /24 against the interfaces' connected /24s. */
        Hop next(String destination) {
            NamespacePlan.Route best = null;
            int bestLength = -1;
            for (NamespacePlan.Route route : routes) {
                int length = Integer.parseInt(route.destination().split("/")[1]);
                if (matches(route.destination(), destination) && length > bestLength) {
                    best = route;
                    bestLength = length;
                }
            }
            for (int i = 0; i < addresses.size(); i++) {
                String connected = subnet24(addresses.get(i));
                if (matches(connected, destination) && 24 > bestLength) {
                    return new Hop(lans.get(i), destination);
                }
            }
            if (best == null) {
                throw new AssertionError(name + " has no route to " + destination);
            }
            String via = best.via();
            for (int i = 0; i < addresses.size(); i++) {
                if (matches(subnet24(addresses.get(i)), via)) {
                    return new Hop(lans.get(i), via);
                }
            }
            throw new AssertionError(name + "'s next hop " + via + " towards " + destination + " is not on-link");
        }
    }

    private static Node neighbour(String lan, String ip) {
        for (NamespacePlan.Host host : PLAN.hosts()) {
            if (host.lan().equals(lan) && host.ip().equals(ip)) {
                return Node.of(host);
            }
        }
        for (NamespacePlan.Router router : PLAN.routers()) {
            if ((router.upLan().equals(lan) && router.upIp().equals(ip)) || (router.downLan().equals(lan)
                    && router.downIp().equals(ip))) {
                return Node.of(router);
            }
        }
        throw new AssertionError("nothing answers ARP for " + ip + " on " + lan);
    }

    private static String subnet24(String address) {
        String ip = NamespacePlan.ip(address);
        return ip.substring(0, ip.lastIndexOf('.')) + ".0/24";
    }

    private static boolean matches(String cidr, String ip) {
        String[] parts = cidr.split("/");
        int length = Integer.parseInt(parts[1]);
        long mask = length == 0 ? 0 : (0xFFFF_FFFFL << (32 - length)) & 0xFFFF_FFFFL;
        return (toLong(parts[0]) & mask) == (toLong(ip) & mask);
    }

    private static long toLong(String ip) {
        long value = 0;
        for (String octet : ip.split("\\.")) {
            value = value << 8 | Integer.parseInt(octet);
        }
        return value;
    }

    private static NamespacePlan.Router router(String namespace) {
        return PLAN.routers().stream().filter(r -> r.namespace().equals(namespace)).findFirst().orElseThrow();
    }
}
