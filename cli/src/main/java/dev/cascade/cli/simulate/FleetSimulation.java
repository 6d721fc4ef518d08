package dev.cascade.cli.simulate;

import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * One run: generate the fleet, create the deployment at time 0 (the notices reach the devices within the notice
 * spread), let every device follow it with the real planner until each holds the package, and report.
 */
public final class FleetSimulation {

    /** A run that has not finished by then stops: something no device can get out of (it is reported). */
    static final double TIME_LIMIT_S = 7 * 24 * 3600;

    private FleetSimulation() {
    }

    /** Progress lines at most this often (wall clock; they do not change the run). */
    private static final long PROGRESS_EVERY_NS = 10_000_000_000L;

    public static SimulationReport run(FleetSettings settings) {
        return run(settings, line -> { });
    }

    /**
     * @param progress takes a line about the run's progress every 10 s of wall time
     * @throws IllegalStateException when some device cannot complete (named, with its office)
     */
    public static SimulationReport run(FleetSettings settings, Consumer<String> progress) {
        Fleet fleet = Fleet.generate(settings);
        EventQueue queue = new EventQueue();
        ControlPlaneLedger ledger = new ControlPlaneLedger();
        SecondCounts plannerSeconds = new SecondCounts();
        FleetPlanner planner = new FleetPlanner(settings, fleet.seed.id);
        DeviceFollower follower = new DeviceFollower(settings, queue, planner, ledger, plannerSeconds, fleet.byId);
        // the notices' order is drawn apart from the fleet, so that changing a spread does not move devices
        SplittableRandom noticeOrder = new SplittableRandom(settings.randomSeed() ^ 0x6e6f74696365L);
        double spread = settings.noticeSpread().toNanos() / 1e9;
        for (FleetDevice device : fleet.devices) {
            double at = spread * noticeOrder.nextDouble();
            if (!device.seed) {
                queue.at(at, () -> follower.notice(device));
            }
        }
        int devices = fleet.devices.size() - 1;
        long[] nextProgress = {System.nanoTime() + PROGRESS_EVERY_NS};
        queue.runWhile(() -> {
            if ((queue.processed() & 0xffff) == 0 && System.nanoTime() > nextProgress[0]) {
                nextProgress[0] = System.nanoTime() + PROGRESS_EVERY_NS;
                progress.accept(String.format(Locale.ROOT, "simulated %.0f s: %,d of %,d devices hold the package, %,d transfers,"
                        + " %,d planner calls", queue.now(), follower.completed(), devices, follower.transfers(), planner.calls()));
            }
            return follower.completed() < devices && queue.now() < TIME_LIMIT_S;
        });
        if (follower.completed() < devices) {
            FleetDevice stuck = fleet.devices.stream().filter(device -> Double.isNaN(device.completedAt)).findFirst().orElseThrow();
            throw new IllegalStateException((devices - follower.completed()) + " of " + devices + " devices did not complete within "
                    + (long) TIME_LIMIT_S + " simulated seconds, e.g. " + stuck.id + " in office " + stuck.office.id + " holding "
                    + stuck.heldCount + " of " + settings.pieceCount() + " pieces");
        }
        return ReportBuilder.build(settings, fleet, queue, follower, ledger, plannerSeconds, planner.calls());
    }
}
