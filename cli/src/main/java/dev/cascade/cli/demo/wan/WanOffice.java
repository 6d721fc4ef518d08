package dev.cascade.cli.demo.wan;

import java.util.List;

/**
 * One office of an emulated WAN: its address ranges and the link to its parent office. The central office has no
 * parent and no link. An office with {@code perDeviceLinks} (a VPN office of remote workers) has no shared link:
 * each of its devices has its own link of these shapes to the parent, chosen by the device's address.
 *
 * @param name unique, e.g. {@code "Branch-A"}
 * @param parent the parent office's name; null for the central office
 * @param ranges addresses of the office: CIDR blocks ({@code 127.0.2.0/24}), single addresses, or ranges
 *               ({@code 127.0.2.10-127.0.2.40}); where ranges of two offices nest, the smaller one decides
 * @param up the link from this office to its parent (null for the central office)
 * @param down the link from the parent to this office (null for the central office)
 * @param perDeviceLinks true when each device has its own link to the parent
 */
public record WanOffice(String name, String parent, List<String> ranges, LinkShape up, LinkShape down,
                        boolean perDeviceLinks) {

    public WanOffice {
        ranges = ranges == null ? null : List.copyOf(ranges);
    }

    /** The central office, at the top of the tree. */
    public static WanOffice central(String name, String... ranges) {
        return new WanOffice(name, null, List.of(ranges), null, null, false);
    }

    /** An office sharing one link to {@code parent}: {@code up} towards the parent, {@code down} from it. */
    public static WanOffice branch(String name, String parent, LinkShape up, LinkShape down, String... ranges) {
        return new WanOffice(name, parent, List.of(ranges), up, down, false);
    }

    /** An office whose devices each have their own link to {@code parent} (remote workers on a VPN). */
    public static WanOffice perDevice(String name, String parent, LinkShape up, LinkShape down, String... ranges) {
        return new WanOffice(name, parent, List.of(ranges), up, down, true);
    }

    public boolean isCentral() {
        return parent == null;
    }
}
