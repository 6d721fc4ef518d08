package dev.cascade.topology.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;

import dev.cascade.topology.entity.OfficeEntity;
import dev.cascade.topology.entity.OfficeRangeEntity;
import dev.cascade.topology.service.OfficeView.RangeView;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.panache.common.Sort;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * The offices and the {@link OfficeResolver} built from their ranges, held in memory so that a
 * resolution never touches the database. Rebuilt at startup and after every topology change.
 */
@ApplicationScoped
public class OfficeDirectory {

    private static final Logger LOG = Logger.getLogger(OfficeDirectory.class);

    @Inject
    MeterRegistry registry;

    private volatile Snapshot snapshot;
    private Counter matched;
    private Counter central;
    private Counter invalid;

    private record Snapshot(Map<String, OfficeView> offices, OfficeResolver resolver) {
    }

    @Transactional
    void start(@Observes StartupEvent event) {
        rebuild();
        matched = resolutions("matched");
        central = resolutions("central");
        invalid = resolutions("invalid");
        Gauge.builder("cascade_topology_offices", this, d -> d.snapshot.offices().size())
                .description("Offices in the topology, the central office included").register(registry);
        Gauge.builder("cascade_topology_ranges", this, d -> d.snapshot.resolver().rangeCount())
                .description("IP ranges assigned to offices").register(registry);
    }

    private Counter resolutions(String result) {
        return Counter.builder("cascade_topology_resolutions_total").tag("result", result)
                .description("IP-to-office resolutions: matched a range, fell back to the central office, or refused a malformed address")
                .register(registry);
    }

    /**
     * Re-reads offices and ranges and swaps in a new resolver. Call it after any topology change
     * has committed (import, edits); resolutions running meanwhile use the previous topology.
     *
     * @throws IllegalStateException when there is not exactly one central office
     * @throws IllegalArgumentException naming the range when a stored range is malformed
     */
    @Transactional
    public synchronized void rebuild() {
        List<OfficeEntity> offices = OfficeEntity.listAll(Sort.by("officeId"));
        List<OfficeRangeEntity> ranges = OfficeRangeEntity.listAll(Sort.by("id"));
        List<OfficeEntity> centrals = offices.stream().filter(o -> o.central).toList();
        if (centrals.size() != 1) {
            throw new IllegalStateException("the topology must have exactly one central office, found "
                    + centrals.stream().map(o -> o.officeId).toList());
        }
        Map<String, List<RangeView>> rangesByOffice = ranges.stream().collect(Collectors.groupingBy(r -> r.officeId,
                Collectors.mapping(r -> new RangeView(r.firstAddress, r.lastAddress, r.cidr), Collectors.toList())));
        Map<String, OfficeView> views = new LinkedHashMap<>();
        for (OfficeEntity office : offices) {
            views.put(office.officeId, new OfficeView(office.officeId, office.name, office.officeType,
                    office.parentOfficeId, office.central, office.metered, office.allowDirectCdn,
                    List.copyOf(rangesByOffice.getOrDefault(office.officeId, List.of()))));
        }
        List<OfficeResolver.Range> resolverRanges = new ArrayList<>();
        for (OfficeRangeEntity range : ranges) {
            resolverRanges.add(OfficeResolver.Range.of(range.officeId, range.firstAddress, range.lastAddress, range.cidr));
        }
        snapshot = new Snapshot(Map.copyOf(views), new OfficeResolver(centrals.get(0).officeId, resolverRanges));
        LOG.infof("topology loaded: %d offices, %d ranges", views.size(), ranges.size());
    }

    /** Every office, ordered by id. */
    public List<OfficeView> offices() {
        return snapshot.offices().values().stream().sorted(Comparator.comparing(OfficeView::officeId)).toList();
    }

    public Optional<OfficeView> office(String officeId) {
        return Optional.ofNullable(snapshot.offices().get(officeId));
    }

    /**
     * The office {@code ipAddress} belongs to, with the reason.
     *
     * @throws IllegalArgumentException naming the address when it is not one IPv4 or IPv6 address
     */
    public Resolution resolve(String ipAddress) {
        Snapshot current = snapshot;
        OfficeResolver.Match match;
        try {
            match = current.resolver().resolve(ipAddress);
        } catch (IllegalArgumentException e) {
            invalid.increment();
            throw e;
        }
        OfficeView office = current.offices().get(match.officeId());
        if (!match.matched()) {
            central.increment();
            return new Resolution(ipAddress, office, null,
                    "no topology range matches " + ipAddress + ": central office");
        }
        matched.increment();
        String range = match.range().label();
        return new Resolution(ipAddress, office, range,
                "matched range " + range + " of office " + office.officeId() + " (" + office.name() + ")");
    }
}
