package dev.cascade.agent;

import java.util.List;

import dev.cascade.wire.WireKey;

/** The fleet keys of a key file: the current one signs; it and a retired one in its grace period verify. */
record FleetKeys(WireKey current, List<WireKey> all) {

    FleetKeys {
        all = List.copyOf(all);
    }
}
