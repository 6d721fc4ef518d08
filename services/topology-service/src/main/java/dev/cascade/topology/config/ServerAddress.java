package dev.cascade.topology.config;

import dev.cascade.topology.model.ObservedAddress;
import dev.cascade.topology.model.OfficeResolver;

/**
 * The server's address as configured in {@code cascade.topology.server-ip}: an IP address,
 * optionally with the prefix length of its subnet ({@code 10.0.0.10/16}). The address is what an
 * import checks to lie in the central office; the subnet is what the detected topology gives the
 * central office.
 *
 * @param ip           the address as written (one IPv4 or IPv6 address)
 * @param prefixLength its subnet's prefix length, or null when not given
 */
public record ServerAddress(String ip, Integer prefixLength) {

    /**
     * Reads {@code 10.0.0.10} or {@code 10.0.0.10/16} (SmallRye Config calls this for the property).
     *
     * @throws IllegalArgumentException naming the property and the text when it is neither
     */
    public static ServerAddress of(String text) {
        String written = text == null ? "" : text.strip();
        int slash = written.indexOf('/');
        String ip = slash < 0 ? written : written.substring(0, slash);
        Integer prefix = null;
        try {
            int bits = OfficeResolver.parse(ip).getBitCount();
            if (slash >= 0) {
                String digits = written.substring(slash + 1);
                prefix = digits.matches("[0-9]{1,3}") ? Integer.valueOf(digits) : -1;
                if (prefix < 1 || prefix > bits) {
                    throw new IllegalArgumentException("prefix length /" + digits + " is not 1 to " + bits);
                }
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cascade.topology.server-ip \"" + text + "\" is not an IP address with an"
                    + " optional prefix length, e.g. 10.0.0.10 or 10.0.0.10/16 (" + e.getMessage() + ")", e);
        }
        return new ServerAddress(ip, prefix);
    }

    /** The server's interface for topology detection; null when the prefix length is unknown (no subnet to propose). */
    public ObservedAddress observed() {
        return prefixLength == null ? null : new ObservedAddress(ip, prefixLength);
    }
}
