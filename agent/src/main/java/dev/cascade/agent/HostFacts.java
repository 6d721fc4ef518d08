package dev.cascade.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import dev.cascade.contracts.v1.DeviceClass;

/**
 * What the agent can find out about its machine for REGISTER when no option says otherwise.
 * The Linux sources ({@code /proc}, {@code /sys}) are constructor arguments so that tests can
 * point them at files of their own; on other systems those files are absent and the fallbacks apply.
 */
public final class HostFacts {

    private final Path procStat;
    private final Path powerSupplyDir;
    private final Path hostnameFile;
    private final Supplier<String> fallbackHostname;
    private final LongSupplier processStartMillis;

    public HostFacts(Path procStat, Path powerSupplyDir, Path hostnameFile, Supplier<String> fallbackHostname,
                     LongSupplier processStartMillis) {
        this.procStat = procStat;
        this.powerSupplyDir = powerSupplyDir;
        this.hostnameFile = hostnameFile;
        this.fallbackHostname = fallbackHostname;
        this.processStartMillis = processStartMillis;
    }

    public static HostFacts system() {
        return new HostFacts(Path.of("/proc/stat"), Path.of("/sys/class/power_supply"),
                Path.of("/proc/sys/kernel/hostname"), HostFacts::hostnameFromEnvironmentOrResolver,
                () -> ManagementFactory.getRuntimeMXBean().getStartTime());
    }

    /** The kernel's host name (Linux), else the environment's or the resolver's. */
    public String hostname() {
        if (Files.isReadable(hostnameFile)) {
            try {
                String name = Files.readString(hostnameFile, StandardCharsets.UTF_8).trim();
                if (!name.isEmpty()) {
                    return name;
                }
            } catch (IOException e) {
                // unreadable after all: use the fallback
            }
        }
        return fallbackHostname.get();
    }

    /**
     * When the device booted, in ms since the epoch: {@code btime} of /proc/stat on Linux. Elsewhere
     * the agent's own start time, which understates uptime but never overstates it.
     */
    public long bootTimeUnixMs() {
        if (Files.isReadable(procStat)) {
            try {
                for (String line : Files.readAllLines(procStat, StandardCharsets.US_ASCII)) {
                    if (line.startsWith("btime ")) {
                        return Long.parseLong(line.substring("btime ".length()).trim()) * 1000L;
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // not the format we know: use the fallback
            }
        }
        return processStartMillis.getAsLong();
    }

    /** Laptop when the machine has a battery (Linux: /sys/class/power_supply/BAT*), else desktop. */
    public DeviceClass deviceClass() {
        if (Files.isDirectory(powerSupplyDir)) {
            try (DirectoryStream<Path> batteries = Files.newDirectoryStream(powerSupplyDir, "BAT*")) {
                if (batteries.iterator().hasNext()) {
                    return DeviceClass.DEVICE_CLASS_LAPTOP;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + powerSupplyDir + ": " + e.getMessage(), e);
            }
        }
        return DeviceClass.DEVICE_CLASS_DESKTOP;
    }

    /**
     * The local address the OS would send from to reach {@code server}: a connected UDP socket is
     * given its source address by the routing table, and no packet is sent.
     */
    public static InetAddress routedLocalAddress(InetSocketAddress server) throws SocketException {
        try (DatagramSocket probe = new DatagramSocket()) {
            probe.connect(server);
            InetAddress local = probe.getLocalAddress();
            probe.disconnect();
            if (local == null || local.isAnyLocalAddress()) {
                throw new SocketException("the OS did not choose a source address");
            }
            return local;
        }
    }

    /** The prefix length the network interface holding {@code address} gives it, if one does. */
    public static OptionalInt prefixLength(InetAddress address) throws SocketException {
        NetworkInterface nic = NetworkInterface.getByInetAddress(address);
        if (nic == null) {
            return OptionalInt.empty();
        }
        List<InterfaceAddress> addresses = nic.getInterfaceAddresses();
        return addresses.stream().filter(a -> address.equals(a.getAddress()))
                .mapToInt(a -> a.getNetworkPrefixLength()).findFirst();
    }

    private static String hostnameFromEnvironmentOrResolver() {
        for (String variable : List.of("COMPUTERNAME", "HOSTNAME")) {
            String value = System.getenv(variable);
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            throw new UncheckedIOException("cannot tell this machine's host name: " + e.getMessage(), e);
        }
    }
}
