package dev.cascade.topology;

import dev.cascade.topology.entity.OfficeEntity;
import dev.cascade.topology.entity.OfficeRangeEntity;
import dev.cascade.topology.service.OfficeKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Writes offices and ranges for a test, standing in for the topology import that a later issue adds. */
@ApplicationScoped
public class TopologyFixture {

    @Transactional
    public void addOffice(String officeId, String name, OfficeKind type, String parentOfficeId) {
        OfficeEntity office = new OfficeEntity();
        office.officeId = officeId;
        office.name = name;
        office.officeType = type;
        office.parentOfficeId = parentOfficeId;
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
}
