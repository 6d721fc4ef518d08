package dev.cascade.metadata.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.cascade.metadata.config.MetadataConfig;
import dev.cascade.metadata.entity.PeerEntity;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Parameters;
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
     * @param active              peers heard from (REGISTER or HEARTBEAT) within the last {@code activeWindowSeconds}
     *                            ({@code cascade.metadata.heartbeat-ttl})
     */
    public record PeerCount(long total, long active, long activeWindowSeconds) {
    }

    @Transactional
    public Optional<PeerView> find(String deviceId) {
        Instant since = activeSince();
        return PeerEntity.<PeerEntity>findByIdOptional(deviceId).map(peer -> PeerView.of(peer, !peer.lastSeen.isBefore(since)));
    }

    /** The address a peer registered or last heartbeat with; empty for an unknown peer. */
    @Transactional
    public Optional<String> addressOf(String deviceId) {
        return PeerEntity.<PeerEntity>findByIdOptional(deviceId).map(peer -> peer.ipAddress);
    }

    /**
     * @param officeId only the peers of this office; every peer when null
     * @param active   only the active (true) or inactive (false) peers; every peer when null
     */
    @Transactional
    public PeerPage page(String officeId, Boolean active, int limit, int offset) {
        Sort order = Sort.by("deviceId");
        Instant since = activeSince();
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters parameters = new Parameters();
        if (officeId != null) {
            where.append(" and officeId = :office");
            parameters.and("office", officeId);
        }
        if (active != null) {
            where.append(active ? " and lastSeen >= :since" : " and lastSeen < :since");
            parameters.and("since", since);
        }
        PanacheQuery<PeerEntity> query = PeerEntity.find(where.toString(), order, parameters);
        List<PeerView> items = query.range(offset, offset + limit - 1).list().stream()
                .map(peer -> PeerView.of(peer, !peer.lastSeen.isBefore(since))).toList();
        return new PeerPage(query.count(), limit, offset, items);
    }

    /** Peers heard from at or after this instant are active. */
    public Instant activeSince() {
        return Instant.now(clock).minus(config.heartbeatTtl());
    }

    /** Registered and active peers per office (office id null: peers without an office), by office id. */
    @Transactional
    public List<OfficeCount> countByOffice() {
        return PeerEntity.getEntityManager().createQuery("select p.officeId, max(p.officeName), count(p), "
                        + "sum(case when p.lastSeen >= :since then 1 else 0 end) from PeerEntity p group by p.officeId "
                        + "order by p.officeId", Object[].class)
                .setParameter("since", activeSince()).getResultList().stream()
                .map(row -> new OfficeCount((String) row[0], (String) row[1], ((Number) row[2]).longValue(),
                        row[3] == null ? 0 : ((Number) row[3]).longValue()))
                .toList();
    }

    /** One office's peers: all registered, and those active within the heartbeat TTL. */
    public record OfficeCount(String officeId, String officeName, long total, long active) {
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
        Instant since = activeSince();
        return query.range(0, max - 1).list().stream().map(peer -> PeerView.of(peer, !peer.lastSeen.isBefore(since))).toList();
    }

    @Transactional
    public PeerCount count() {
        Instant since = activeSince();
        return new PeerCount(PeerEntity.count(), PeerEntity.count("lastSeen >= ?1", since), config.heartbeatTtl().toSeconds());
    }
}
