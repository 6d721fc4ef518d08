package dev.cascade.topology.rest;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.cascade.topology.model.InvalidTopologyException;
import dev.cascade.topology.model.OfficeDefinition;
import dev.cascade.topology.model.OfficeRowFormat;
import dev.cascade.topology.model.SheetColumn;
import dev.cascade.topology.model.SubnetRange;
import dev.cascade.topology.model.TopologyProblem;

/**
 * An office as an admin writes it: the JSON form of one spreadsheet row, read by the same rules
 * ({@link OfficeRowFormat}), so a problem has the same message in both and names the sheet column
 * ({@code parent_id}, {@code subnets}, ...) of the field.
 */
@Schema(description = "An office as written in a request or shown in an import's diff; the fields are the sheet's columns")
public record OfficeSpec(
        @Schema(description = "office_id: 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit", example = "berlin-wifi")
        String id,
        @Schema(description = "name: unique ignoring case, up to 200 characters", example = "Berlin Wi-Fi")
        String name,
        @Schema(description = "type: Standard, VPN or Wi-Fi (case, '-' and '_' ignored)", example = "Wi-Fi")
        String type,
        @Schema(description = "parent_id: the office above; absent or empty only for the central office", example = "berlin")
        String parentId,
        @Schema(description = "subnets: CIDR blocks, first-last ranges or single addresses, IPv4 or IPv6",
                example = "[\"10.2.5.0/24\", \"10.2.6.10-10.2.6.99\", \"2001:db8:2::/48\"]")
        List<String> ranges,
        @Schema(description = "preferred_rvps: device ids (UUIDs) of the office's rendezvous points, most preferred first")
        List<String> preferredRvps,
        @Schema(description = "metered WAN link: its devices download nothing over the WAN (default false)")
        Boolean metered,
        @Schema(description = "its devices may download from the CDN directly (default false)")
        Boolean allowDirectCdn) {

    /** An office as the sheet writes it. */
    public static OfficeSpec of(OfficeDefinition office) {
        return new OfficeSpec(office.id(), office.name(), OfficeRowFormat.typeName(office.type()), office.parentId(),
                office.ranges().stream().map(SubnetRange::text).toList(), office.preferredRvps(), office.metered(),
                office.allowDirectCdn());
    }

    /**
     * The office these fields describe, read like a sheet row (not yet checked against the other offices).
     *
     * @throws InvalidTopologyException with a problem for each field that cannot be read
     */
    public OfficeDefinition toOffice() {
        Map<SheetColumn, String> cells = new EnumMap<>(SheetColumn.class);
        cells.put(SheetColumn.OFFICE_ID, id);
        cells.put(SheetColumn.NAME, name);
        cells.put(SheetColumn.TYPE, type);
        cells.put(SheetColumn.PARENT_ID, parentId);
        cells.put(SheetColumn.SUBNETS, ranges == null ? null : String.join(OfficeRowFormat.LIST_SEPARATOR, ranges));
        cells.put(SheetColumn.PREFERRED_RVPS,
                preferredRvps == null ? null : String.join(OfficeRowFormat.LIST_SEPARATOR, preferredRvps));
        cells.put(SheetColumn.METERED, metered == null ? null : metered.toString());
        cells.put(SheetColumn.ALLOW_DIRECT_CDN, allowDirectCdn == null ? null : allowDirectCdn.toString());
        List<TopologyProblem> problems = new ArrayList<>();
        OfficeDefinition office = OfficeRowFormat.parse(cells, null, problems);
        if (!problems.isEmpty()) {
            throw new InvalidTopologyException(problems);
        }
        return office;
    }
}
