package dev.cascade.metadata.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.cascade.metadata.config.MetadataConfig;
import dev.cascade.metadata.entity.PeerEntity;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** Reads the peer registry. */
@ApplicationScoped
public class PeerDirectory {

    @Inject
    Clock clock;

    @Inject
    MetadataConfig config;

    /** One page of peers, ordered by device id. */
    public record PeerPage(long total, int limit, int offset, List<PeerView> items) {
    }

    /**
     * @param active              peers registered within the last {@code activeWindowSeconds}
     *                            ({@code cascade.metadata.peer-ttl})
     */
    public record PeerCount(long total, long active, long activeWindowSeconds) {
    }

    @Transactional
    public Optional<PeerView> find(String deviceId) {
        return PeerEntity.<PeerEntity>findByIdOptional(deviceId).map(PeerView::of);
    }

    /** @param officeId only the peers of this office; every peer when null */
    @Transactional
    public PeerPage page(String officeId, int limit, int offset) {
        Sort order = Sort.by("deviceId");
        PanacheQuery<PeerEntity> query = officeId == null
                ? PeerEntity.findAll(order)
                : PeerEntity.find("officeId", order, officeId);
        List<PeerView> items = query.range(offset, offset + limit - 1).list().stream().map(PeerView::of).toList();
        return new PeerPage(query.count(), limit, offset, items);
    }

    /**
     * Up to {@code max} peers with a device id after {@code afterDeviceId} ("" for the first),
     * ordered by device id: keyset paging, so a long listing never skips or repeats a peer that
     * stays registered, whatever registers meanwhile.
     *
     * @param officeId only the peers of this office; every peer when null
     */
    @Transactional
    public List<PeerView> pageAfter(String officeId, String afterDeviceId, int max) {
        Sort order = Sort.by("deviceId");
        PanacheQuery<PeerEntity> query = officeId == null
                ? PeerEntity.find("deviceId > ?1", order, afterDeviceId)
                : PeerEntity.find("officeId = ?1 and deviceId > ?2", order, officeId, afterDeviceId);
        return query.range(0, max - 1).list().stream().map(PeerView::of).toList();
    }

    @Transactional
    public PeerCount count() {
        Instant since = Instant.now(clock).minus(config.peerTtl());
        return new PeerCount(PeerEntity.count(), PeerEntity.count("lastSeen >= ?1", since), config.peerTtl().toSeconds());
    }
}
