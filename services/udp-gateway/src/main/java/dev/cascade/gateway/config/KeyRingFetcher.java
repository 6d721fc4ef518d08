package dev.cascade.gateway.config;

import dev.cascade.contracts.v1.WireKeyRing;

/** Where {@link KeyRingPoller} gets the key ring from: activation-service's GetKeyRing, or a fake in tests. */
public interface KeyRingFetcher {

    /** The ring as it is now; throws (any runtime exception, with a message saying why) when there is no answer. */
    WireKeyRing fetch();

    /** Names the source in logs, errors and the status endpoint, e.g. {@code activation-service at host:port}. */
    String describe();
}
