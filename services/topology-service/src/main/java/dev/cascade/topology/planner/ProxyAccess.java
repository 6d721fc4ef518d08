package dev.cascade.topology.planner;

import java.time.Instant;

/**
 * Seed 002's table: what a device may contact for a package in proxy mode, given the deployment's
 * two times. "The server" is the hierarchy path (same-office and upstream peers, the seed, the
 * origin); "package-store devices" are the deployment's package stores, as sources.
 *
 * <table>
 * <caption>Seed 002's five cases (T1 = "only distribute to proxy devices until",
 * T2 = "enforce proxy distribution until")</caption>
 * <tr><th>case</th><th>package-store device</th><th>other device</th></tr>
 * <tr><td>1. T1 set, not reached; T2 not set</td><td>server, any time</td><td>server only, no package store</td></tr>
 * <tr><td>2. T1 set and reached; T2 not set</td><td>server, any time</td><td>package stores, then the server</td></tr>
 * <tr><td>3. T1 and T2 set, not reached</td><td>server, any time</td><td>neither: blocked</td></tr>
 * <tr><td>4. T1 and T2 set and reached</td><td>server, any time</td><td>package stores, then the server</td></tr>
 * <tr><td>5. neither set</td><td>server, any time</td><td>package stores or the server, any time</td></tr>
 * </table>
 * The table names one time per row; the options' own descriptions give the states between (T1
 * reached, T2 not: package stores only; T2 set without T1: package stores only until T2): a device
 * may use package stores once T1 is reached (or T1 is not set), and the server once T2 is reached
 * (or T2 is not set). Without "use device for proxy distribution" no device serves as a package store.
 *
 * @param server        may use the hierarchy path
 * @param packageStores may fetch from package-store devices
 * @param rule          the row that applies, in words for the admin
 * @param nextChange    when the access of a non-package-store device changes next; null when never
 */
public record ProxyAccess(boolean server, boolean packageStores, String rule, Instant nextChange) {

    public static ProxyAccess of(ProxyOptions options, boolean packageStore, Instant now) {
        if (packageStore) {
            return new ProxyAccess(true, true, "this is a package-store device of the deployment: it may use the server path at any"
                    + " time", null);
        }
        Instant t1 = options.onlyProxyDevicesUntil();
        Instant t2 = options.enforceProxyUntil();
        boolean t1Reached = t1 != null && !now.isBefore(t1);
        boolean t2Reached = t2 != null && !now.isBefore(t2);
        boolean stores = options.useForProxyDistribution() && (t1 == null || t1Reached);
        boolean server = t2 == null || t2Reached;
        Instant next = earliestFuture(now, t1, t2);
        String rule;
        if (t1 == null && t2 == null) {
            rule = "no proxy window is set: package-store devices or the server path, at any time";
        } else if (t2 == null) {
            rule = t1Reached
                    ? "'only distribute to proxy devices until' " + t1 + " has passed: package-store devices first, then the server path"
                    : "until " + t1 + " ('only distribute to proxy devices until') this device may not use package-store devices:"
                            + " the server path only";
        } else if (t1 == null) {
            rule = t2Reached
                    ? "'enforce proxy distribution until' " + t2 + " has passed: package-store devices first, then the server path"
                    : "until " + t2 + " ('enforce proxy distribution until') this device may use package-store devices only";
        } else if (!t1Reached && !t2Reached) {
            rule = "until " + t1 + " ('only distribute to proxy devices until') and " + t2 + " ('enforce proxy distribution until')"
                    + " this device may use neither package-store devices nor the server path";
        } else if (t1Reached && t2Reached) {
            rule = "'only distribute to proxy devices until' " + t1 + " and 'enforce proxy distribution until' " + t2
                    + " have passed: package-store devices first, then the server path";
        } else if (t1Reached) {
            rule = "'only distribute to proxy devices until' " + t1 + " has passed but until " + t2
                    + " ('enforce proxy distribution until') this device may use package-store devices only";
        } else {
            rule = "until " + t1 + " ('only distribute to proxy devices until') this device may not use package-store devices; the"
                    + " server path is open since " + t2;
        }
        if (!options.useForProxyDistribution()) {
            rule += "; the deployment does not use devices for proxy distribution, so no package-store device serves";
        }
        return new ProxyAccess(server, stores, rule, next);
    }

    private static Instant earliestFuture(Instant now, Instant a, Instant b) {
        Instant next = null;
        for (Instant t : new Instant[] {a, b}) {
            if (t != null && t.isAfter(now) && (next == null || t.isBefore(next))) {
                next = t;
            }
        }
        return next;
    }
}
