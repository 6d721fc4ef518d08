package dev.cascade.agent.follow;

import dev.cascade.contracts.v1.InventoryReport;
import dev.cascade.contracts.v1.PlanRequest;
import dev.cascade.contracts.v1.TransferReport;

/**
 * The reports a following agent sends the server, each answered by an ACK once durable (protocol.md §15); the
 * agent's {@code PeerReports} in production. Safe for the jobs' threads to call at once.
 */
public interface ServerReports {

    /** True when the server acknowledged the report; {@code problem} receives the reason otherwise. */
    boolean inventory(InventoryReport report, java.util.function.Consumer<String> problem);

    boolean transfer(TransferReport report, java.util.function.Consumer<String> problem);

    boolean planRequest(PlanRequest request, java.util.function.Consumer<String> problem);
}
