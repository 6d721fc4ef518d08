package dev.cascade.wire.transfer;

import java.net.InetSocketAddress;
import java.util.UUID;

/**
 * The holder's rule for whom it serves (office type, proxy windows): asked for every request before a slot
 * is given. Must be cheap: it runs on the receive loop.
 */
@FunctionalInterface
public interface ServePolicy {

    ServePolicy SERVE_ALL = (requester, address, contentId) -> ServeDecision.ALLOWED;

    ServeDecision decide(UUID requester, InetSocketAddress address, String contentId);
}
