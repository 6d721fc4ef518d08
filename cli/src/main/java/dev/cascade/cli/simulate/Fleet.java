package dev.cascade.cli.simulate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import dev.cascade.contracts.v1.ContentState;
import dev.cascade.contracts.v1.DeviceClass;
import dev.cascade.contracts.v1.OsType;

/**
 * A generated organisation: the central office with the seed peer (the content library) on top, regions under it,
 * branches under the regions, a Wi-Fi sub-office under some branches, VPN offices under the central office or a region;
 * devices placed in offices evenly at random, each with its own download-order attributes and links.
 */
final class Fleet {

    final List<FleetOffice> offices;
    /** Every device, the seed last. */
    final List<FleetDevice> devices;
    final FleetDevice seed;
    final Map<String, FleetDevice> byId;

    private Fleet(List<FleetOffice> offices, List<FleetDevice> devices, FleetDevice seed) {
        this.offices = List.copyOf(offices);
        this.devices = List.copyOf(devices);
        this.seed = seed;
        this.byId = new HashMap<>(devices.size() * 2);
        for (FleetDevice device : devices) {
            byId.put(device.id, device);
        }
    }

    static Fleet generate(FleetSettings settings) {
        SplittableRandom random = new SplittableRandom(settings.randomSeed());
        List<FleetOffice> offices = new ArrayList<>(settings.offices());
        FleetOffice central = new FleetOffice("hq", FleetOffice.Role.CENTRAL, null, 0, settings.wifiMbps());
        offices.add(central);
        List<FleetOffice> regions = new ArrayList<>();
        for (int i = 1; i <= settings.regions(); i++) {
            regions.add(office(String.format("region-%02d", i), FleetOffice.Role.REGION, central, settings, random));
        }
        offices.addAll(regions);
        List<FleetOffice> aboveBranches = regions.isEmpty() ? List.of(central) : regions;
        for (int i = 1; i <= settings.vpnOffices(); i++) {
            FleetOffice parent = random.nextInt(regions.size() + 1) == 0 ? central : regions.get(random.nextInt(regions.size()));
            offices.add(office(String.format("vpn-%02d", i), FleetOffice.Role.VPN, parent, settings, random));
        }
        int rest = settings.offices() - 1 - settings.regions() - settings.vpnOffices();
        int branchCount = (int) Math.round(rest / (1 + settings.wifiShare()));
        List<FleetOffice> branches = new ArrayList<>();
        for (int i = 1; i <= branchCount; i++) {
            FleetOffice parent = aboveBranches.get(random.nextInt(aboveBranches.size()));
            branches.add(office(String.format("branch-%03d", i), FleetOffice.Role.BRANCH, parent, settings, random));
        }
        offices.addAll(branches);
        // the Wi-Fi sub-offices go to distinct branches, chosen at random
        List<FleetOffice> hosts = new ArrayList<>(branches);
        for (int i = 0; i < rest - branchCount; i++) {
            FleetOffice branch = hosts.remove(random.nextInt(hosts.size()));
            offices.add(office(branch.id + "-wifi", FleetOffice.Role.WIFI, branch, settings, random));
        }
        List<FleetDevice> devices = new ArrayList<>(settings.devices() + 1);
        int pieces = settings.pieceCount();
        for (int i = 0; i < settings.devices(); i++) {
            FleetOffice office = offices.get(random.nextInt(offices.size()));
            devices.add(device(i, String.format("00000000-0000-4000-8000-%012d", i), office, false, settings, random, pieces));
        }
        FleetDevice seed = device(settings.devices(), "00000000-0000-4000-8000-5eed5eed5eed", central, true, settings, random,
                pieces);
        seed.holdAll(pieces);
        seed.state = ContentState.CONTENT_STATE_CACHED;
        seed.reportedState = ContentState.CONTENT_STATE_CACHED;
        seed.reportedPieces = pieces;
        seed.completedAt = 0;
        devices.add(seed);
        for (FleetDevice device : devices) {
            device.office.devices.add(device);
            device.view = InventoryReports.view(device);
        }
        return new Fleet(offices, devices, seed);
    }

    private static FleetOffice office(String id, FleetOffice.Role role, FleetOffice parent, FleetSettings settings,
                                      SplittableRandom random) {
        return new FleetOffice(id, role, parent, settings.wanMbps().draw(random), settings.wifiMbps());
    }

    private static FleetDevice device(int index, String id, FleetOffice office, boolean seed, FleetSettings settings,
                                      SplittableRandom random, int pieces) {
        long gib = 1L << 30;
        long free = (20 + random.nextInt(480)) * gib;
        long usable = free + random.nextInt(500) * gib;
        DeviceClass deviceClass = seed || random.nextDouble() < 0.6 ? DeviceClass.DEVICE_CLASS_DESKTOP
                : DeviceClass.DEVICE_CLASS_LAPTOP;
        OsType osType = seed || random.nextDouble() < 0.02 ? OsType.OS_TYPE_SERVER : OsType.OS_TYPE_WORKSTATION;
        long boot = FleetPlanner.EPOCH.toEpochMilli() - random.nextLong(30L * 24 * 3600 * 1000);
        Link up;
        Link down;
        if (office.cell != null) {
            up = office.cell;
            down = office.cell;
        } else if (office.vpn()) {
            up = new Link(id + " out", Link.Kind.PORT, settings.lanMbps(), null);
            down = new Link(office.id + "/" + id, Link.Kind.VPN_DEVICE, settings.vpnMbps().draw(random), office);
        } else {
            up = new Link(id + " out", Link.Kind.PORT, settings.lanMbps(), null);
            down = new Link(id + " in", Link.Kind.PORT, settings.lanMbps(), null);
        }
        String ip = "10." + (index >>> 16 & 255) + "." + (index >>> 8 & 255) + "." + (index & 255);
        return new FleetDevice(index, id, (seed ? "seed" : "pc-") + index, ip, office, seed, deviceClass, osType, free, usable,
                boot, up, down, pieces, random.nextInt(pieces));
    }
}
