package dev.cascade.agent.follow;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;

import dev.cascade.agent.content.ContentCache;
import dev.cascade.agent.content.InstallAction;
import dev.cascade.agent.content.OriginFetcher;
import dev.cascade.wire.KeyRing;
import dev.cascade.wire.SequenceCounter;
import dev.cascade.wire.transfer.FetchSettings;

/**
 * What every deployment job of one agent shares.
 *
 * @param bind        the local address peer fetches send from (each fetch binds its own port)
 * @param keys        the fleet keys now (they change when the server delivers a new one)
 * @param subnet      asks the subnet who holds a content before each peer fetch round (Standard and VPN offices)
 * @param replyPort   the listener's port, where SOURCE_PLANs are to be sent (PLAN_REQUEST.reply_port)
 * @param fetchSettings           fetches from peers of this office (foreground protocol, protocol.md §17)
 * @param backgroundFetchSettings fetches from peers of other offices over the WAN (background protocol, §18)
 * @param planTimeout how long to wait for the SOURCE_PLAN after the PLAN_REQUEST was acknowledged
 * @param install     the install command, or null when none is configured (contents are then only cached)
 * @param seed        a seed never installs: its cache and library serve the central office
 */
public record JobContext(UUID deviceId, ContentCache cache, DeploymentJournal journal, ServerReports reports,
                         InventoryReporter inventory, InetAddress bind, Supplier<KeyRing> keys, SequenceCounter sequences,
                         FetchSettings fetchSettings, FetchSettings backgroundFetchSettings, SubnetHolders subnet,
                         OriginFetcher origin, InstallAction install, boolean seed,
                         int replyPort, Duration planTimeout, DeploymentJob.Pacing pacing, Clock clock,
                         PrintWriter out, PrintWriter err) {

    void print(String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }

    void printError(String line) {
        synchronized (err) {
            err.println(line);
            err.flush();
        }
    }
}
