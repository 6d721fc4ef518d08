package dev.cascade.cli.demo.netns;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.cascade.cli.demo.DemoAgent;
import dev.cascade.cli.demo.DemoOffice;
import dev.cascade.cli.demo.DemoScenario;

/**
 * The demo's offices as network namespaces, planned in plain data before a command runs: one LAN (a bridge) per office
 * with the CLI's namespace on it at {@code .1}; per sub-office a router between the parent's LAN (its up leg,
 * {@code .253} downwards) and the office's LAN ({@code .254}); per VPN device a LAN of its own behind a router of its
 * own, since remote workers share no link; one namespace per host; and every route.
 *
 * <p>The LANs form a tree joined by routers, and every destination (an office's /24, a VPN device's /32: the VPN
 * devices share a /24 but no LAN) is reached along that tree: down through the router of the sub-LAN on the way, else
 * up through the LAN's own router. A router routes as a host of its lower LAN for what lies below it and as a host of
 * its upper LAN for the rest. So traffic between offices crosses exactly the WAN links between them and never the
 * CLI's namespace, which holds only on-link addresses (and, for the VPN devices it cannot reach on a LAN of theirs,
 * routes through their routers: their control traffic crosses their VPN link, as a remote worker's does).
 */
public final class NamespacePlan {

    /** Host number of the CLI's namespace on every office LAN: the agents' server. */
    static final int ROOT_HOST = 1;
    /** Host number of a router's leg into the LAN it feeds. */
    static final int ROUTER_DOWN_HOST = 254;

    /**
     * A layer-2 segment.
     *
     * @param rootAddress the CLI namespace's address on it ({@code a.b.c.1/24}); empty for a VPN device's LAN
     */
    public record Lan(String name, Optional<String> rootAddress) {
    }

    /** A route: {@code destination} (CIDR) via the on-link address {@code via}. */
    public record Route(String destination, String via) {
    }

    /**
     * A router namespace joining {@code upLan} (its parent's LAN) to {@code downLan}, shaped at {@code bitsPerSecond}
     * each way; {@code feeds} is the office whose bytes it carries in (for a VPN device: the VPN office).
     */
    public record Router(String namespace, DemoOffice feeds, String upLan, String upAddress, String downLan,
                         String downAddress, long bitsPerSecond, List<Route> routes) {

        /** The up leg's address without its prefix: the next hop into {@code downLan} from above. */
        public String upIp() {
            return ip(upAddress);
        }

        /** The down leg's address without its prefix: the way up for the hosts of {@code downLan}. */
        public String downIp() {
            return ip(downAddress);
        }
    }

    /** A host namespace with one interface on {@code lan} holding {@code address} ({@code a.b.c.d/24}). */
    public record Host(String namespace, String lan, String address, List<Route> routes) {

        public String ip() {
            return NamespacePlan.ip(address);
        }
    }

    private final DemoScenario scenario;
    private final Map<String, Lan> lans = new LinkedHashMap<>();
    /** The LAN above each LAN, and the router between them; the central LAN has neither. */
    private final Map<String, String> parentLan = new LinkedHashMap<>();
    private final Map<String, RouterDraft> uplinks = new LinkedHashMap<>();
    /** Every destination by the LAN it lives on. */
    private final Map<String, String> destinations = new LinkedHashMap<>();
    private final List<Router> routers = new ArrayList<>();
    private final List<Host> hosts = new ArrayList<>();
    private final List<Route> rootRoutes = new ArrayList<>();

    private record RouterDraft(String namespace, DemoOffice feeds, String upLan, String upAddress, String downLan,
                               String downAddress) {
    }

    private NamespacePlan(DemoScenario scenario) {
        this.scenario = scenario;
    }

    /** The plan for {@code scenario}'s offices, the seed and every agent. */
    public static NamespacePlan of(DemoScenario scenario) {
        NamespacePlan plan = new NamespacePlan(scenario);
        plan.build();
        return plan;
    }

    private void build() {
        Map<String, Integer> upLegsTaken = new LinkedHashMap<>();
        for (DemoOffice office : scenario.offices()) {
            if (office.vpn()) {
                if (office.central()) {
                    throw new IllegalArgumentException("the central office cannot be a VPN office: " + office.id());
                }
                for (DemoAgent device : agentsOf(office)) {
                    int host = hostNumber(device.address());
                    String lan = "v" + office.subnet() + "x" + host;
                    addLan(lan, Optional.empty());
                    link(lan, office, "r" + office.subnet() + "x" + host, office.host(ROUTER_DOWN_HOST), upLegsTaken);
                    destinations.put(device.address() + "/32", lan);
                }
            } else {
                String lan = officeLan(office);
                addLan(lan, Optional.of(office.host(ROOT_HOST) + "/24"));
                if (!office.central()) {
                    link(lan, office, "r" + office.subnet(), office.host(ROUTER_DOWN_HOST), upLegsTaken);
                }
                destinations.put(office.cidr(), lan);
            }
        }
        for (RouterDraft draft : uplinks.values()) {
            List<Route> routes = new ArrayList<>();
            for (Map.Entry<String, String> destination : destinations.entrySet()) {
                String lan = destination.getValue();
                if (!lan.equals(draft.downLan()) && !lan.equals(draft.upLan())) {
                    String from = below(lan, draft.downLan()) ? draft.downLan() : draft.upLan();
                    routes.add(new Route(destination.getKey(), nextHop(from, lan)));
                }
            }
            DemoOffice office = draft.feeds();
            routers.add(new Router(draft.namespace(), office, draft.upLan(), draft.upAddress(), draft.downLan(),
                    draft.downAddress(), office.linkBitsPerSecond(), List.copyOf(routes)));
        }
        addHost(scenario.central(), scenario.seedAddress());
        for (DemoAgent agent : scenario.agents()) {
            addHost(agent.office(), agent.address());
        }
        // the CLI's namespace is on every office LAN; only the VPN devices' LANs need routes
        String central = officeLan(scenario.central());
        destinations.forEach((destination, lan) -> {
            if (lans.get(lan).rootAddress().isEmpty()) {
                rootRoutes.add(new Route(destination, nextHop(central, lan)));
            }
        });
    }

    private void addLan(String name, Optional<String> rootAddress) {
        lans.put(name, new Lan(name, rootAddress));
    }

    /** A router from {@code office}'s parent LAN down into {@code lan}, its up leg the parent's next free .253, .252… */
    private void link(String lan, DemoOffice office, String router, String downIp, Map<String, Integer> upLegsTaken) {
        DemoOffice parent = scenario.office(office.parentId()).orElseThrow(() -> new IllegalArgumentException(
                "office " + office.id() + " names parent '" + office.parentId() + "', which is not in the scenario"));
        if (parent.vpn()) {
            throw new IllegalArgumentException("office " + office.id() + " cannot be below the VPN office " + parent.id());
        }
        String upLan = officeLan(parent);
        if (!lans.containsKey(upLan)) {
            throw new IllegalArgumentException("office " + office.id() + " comes before its parent " + parent.id());
        }
        int taken = upLegsTaken.merge(upLan, 1, Integer::sum);
        int upHost = ROUTER_DOWN_HOST - taken;
        if (upHost <= 10 + parent.agents()) {
            throw new IllegalArgumentException("office " + parent.id() + " has no address left for another router");
        }
        parentLan.put(lan, upLan);
        uplinks.put(lan, new RouterDraft(router, office, upLan, parent.host(upHost) + "/24", lan, downIp + "/24"));
    }

    private void addHost(DemoOffice office, String address) {
        String lan = office.vpn() ? "v" + office.subnet() + "x" + hostNumber(address) : officeLan(office);
        List<Route> routes = new ArrayList<>();
        destinations.forEach((destination, where) -> {
            if (!where.equals(lan)) {
                routes.add(new Route(destination, nextHop(lan, where)));
            }
        });
        hosts.add(new Host(hostNamespace(address), lan, address + "/24", List.copyOf(routes)));
    }

    /**
     * The next hop from a node on {@code from} towards {@code to}: the up leg of the router below {@code from} on the
     * way down to {@code to}, else {@code from}'s own router's down leg (up towards the central LAN).
     */
    private String nextHop(String from, String to) {
        for (String lan = to; parentLan.containsKey(lan); lan = parentLan.get(lan)) {
            if (parentLan.get(lan).equals(from)) {
                return ip(uplinks.get(lan).upAddress());
            }
        }
        RouterDraft up = uplinks.get(from);
        if (up == null) {
            throw new IllegalStateException(to + " is not below the central LAN " + from);
        }
        return ip(up.downAddress());
    }

    private boolean below(String lan, String ancestor) {
        for (String l = parentLan.get(lan); l != null; l = parentLan.get(l)) {
            if (l.equals(ancestor)) {
                return true;
            }
        }
        return false;
    }

    private List<DemoAgent> agentsOf(DemoOffice office) {
        return scenario.agents().stream().filter(a -> a.office().equals(office)).toList();
    }

    private static String officeLan(DemoOffice office) {
        return "o" + office.subnet();
    }

    /** The namespace of the host at {@code address} ({@code h<subnet>x<host>}: short, unique per address). */
    public static String hostNamespace(String address) {
        String[] octets = address.split("\\.");
        return "h" + octets[2] + "x" + octets[3];
    }

    private static int hostNumber(String address) {
        return Integer.parseInt(address.substring(address.lastIndexOf('.') + 1));
    }

    static String ip(String address) {
        int slash = address.indexOf('/');
        return slash < 0 ? address : address.substring(0, slash);
    }

    public List<Lan> lans() {
        return List.copyOf(lans.values());
    }

    /** Routers in the order they can be created (a parent's LAN before its sub-offices'). */
    public List<Router> routers() {
        return List.copyOf(routers);
    }

    public List<Host> hosts() {
        return List.copyOf(hosts);
    }

    /** Routes the CLI's namespace needs: to the VPN devices, through their routers. */
    public List<Route> rootRoutes() {
        return List.copyOf(rootRoutes);
    }

    /** The host at {@code address}. */
    public Host host(String address) {
        return hosts.stream().filter(h -> h.ip().equals(address)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no host " + address + " in the plan"));
    }

    /**
     * The address agents of {@code office} send to the server: the CLI's namespace on their LAN, or for a VPN device
     * (whose LAN holds only it and its router) the CLI's address in the central office.
     */
    public String serverHost(DemoOffice office) {
        return (office.vpn() ? scenario.central() : office).host(ROOT_HOST);
    }
}
