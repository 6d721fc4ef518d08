package dev.cascade.topology;

import dev.cascade.topology.entity.OfficeEntity;
import dev.cascade.topology.entity.OfficeRangeEntity;
import dev.cascade.topology.entity.OfficeRvpEntity;
import dev.cascade.topology.service.ChangeTrigger;
import dev.cascade.topology.model.OfficeKind;
import dev.cascade.topology.service.TopologyChangeLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Writes offices, ranges and RVPs straight into the tables, below the validation of imports and
 * edits ({@code TopologyStore}): for tests of resolution and eventing that need, say, nested ranges.
 */
@ApplicationScoped
public class TopologyFixture {

    @Inject
    TopologyChangeLog changes;

    /** Thrown on purpose to roll a transaction back. */
    public static final class RolledBack extends RuntimeException {
        RolledBack() {
            super("rolled back by the test");
        }
    }

    @Transactional
    public void addOffice(String officeId, String name, OfficeKind type, String parentOfficeId) {
        addOffice(officeId, name, type, parentOfficeId, false, false);
    }

    @Transactional
    public void addOffice(String officeId, String name, OfficeKind type, String parentOfficeId, boolean metered,
            boolean allowDirectCdn) {
        OfficeEntity office = new OfficeEntity();
        office.officeId = officeId;
        office.name = name;
        office.officeType = type;
        office.parentOfficeId = parentOfficeId;
        office.metered = metered;
        office.allowDirectCdn = allowDirectCdn;
        office.persist();
    }

    @Transactional
    public void addRange(String officeId, String firstAddress, String lastAddress, String cidr) {
        OfficeRangeEntity range = new OfficeRangeEntity();
        range.officeId = officeId;
        range.firstAddress = firstAddress;
        range.lastAddress = lastAddress;
        range.cidr = cidr;
        range.persist();
    }

    @Transactional
    public void addRvp(String officeId, String deviceId, int position) {
        OfficeRvpEntity rvp = new OfficeRvpEntity();
        rvp.officeId = officeId;
        rvp.deviceId = deviceId;
        rvp.position = position;
        rvp.persist();
    }

    /** A committed office edit: the revision goes up, the event enters the outbox, the directory is rebuilt after commit. */
    @Transactional
    public long recordEdit(int added, int changed, int removed) {
        return changes.recordChange(ChangeTrigger.OFFICE_EDIT, added, changed, removed);
    }

    /** Adds an office and records the change in one transaction, then fails: everything rolls back. */
    @Transactional
    public void addOfficeAndFail(String officeId, String name) {
        addOffice(officeId, name, OfficeKind.STANDARD, "central");
        changes.recordChange(ChangeTrigger.IMPORT, 1, 0, 0);
        throw new RolledBack();
    }
}
