package dev.cascade.topology.model;

import java.util.Arrays;
import java.util.List;


/** Short ways to write offices in tests. */
final class Offices {

    static final String RVP_1 = "3f2b8c1e-9a4d-4e5f-8b6a-1c2d3e4f5a6b";
    static final String RVP_2 = "0b7e2a44-1f3c-4d2e-9a8b-7c6d5e4f3a2b";

    private Offices() {
    }

    static OfficeDefinition central(String... ranges) {
        return office("central", "Central office", OfficeKind.STANDARD, null, ranges);
    }

    static OfficeDefinition standard(String id, String parent, String... ranges) {
        return office(id, "Office " + id, OfficeKind.STANDARD, parent, ranges);
    }

    static OfficeDefinition wifi(String id, String parent, String... ranges) {
        return office(id, "Office " + id, OfficeKind.WIFI, parent, ranges);
    }

    static OfficeDefinition office(String id, String name, OfficeKind type, String parent, String... ranges) {
        return OfficeDefinition.of(id, name, type, parent, Arrays.stream(ranges).map(SubnetRange::parse).toList());
    }

    static OfficeDefinition withRvps(OfficeDefinition office, String... rvps) {
        return new OfficeDefinition(office.id(), office.name(), office.type(), office.parentId(), office.ranges(),
                List.of(rvps), office.metered(), office.allowDirectCdn());
    }
}
