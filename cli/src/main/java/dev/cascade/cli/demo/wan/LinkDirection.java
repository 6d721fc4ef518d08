package dev.cascade.cli.demo.wan;

/** Which way a link carries datagrams between an office and its parent office. */
public enum LinkDirection {
    /** From the office to its parent (requests of a sub-office's requester towards a holder above). */
    UP,
    /** From the parent to the office (the blocks a sub-office receives over the WAN). */
    DOWN
}
