package dev.cascade.cli.demo;

/** One agent of the demo: its host name, its office and its own loopback address. */
public record DemoAgent(String hostname, DemoOffice office, String address) {
}
