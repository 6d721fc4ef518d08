package dev.cascade.activation.entity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

/**
 * The one row every key change locks first: the ring's revision (grows with every change) and the
 * last key id handed out (new ids lie above every earlier id of either family).
 */
@Entity
@Table(name = "key_ring")
public class KeyRingEntity extends PanacheEntityBase {

    public static final int ROW = 1;

    @Id
    @Column(name = "id")
    public Integer id;

    @Column(name = "revision", nullable = false)
    public long revision;

    @Column(name = "last_key_id", nullable = false)
    public long lastKeyId;

    /** The row, locked until the caller's transaction ends: key changes happen one at a time, across replicas too. */
    public static KeyRingEntity locked() {
        KeyRingEntity ring = findById(ROW, LockModeType.PESSIMISTIC_WRITE);
        if (ring == null) {
            throw new IllegalStateException("table key_ring has no row " + ROW + ": the Liquibase changelog was not applied");
        }
        return ring;
    }
}
