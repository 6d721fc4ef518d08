package dev.cascade.topology.model;

/**
 * Reads the plain textual forms of an address straight into numbers, without the IPAddress
 * library's general parser: dotted-quad IPv4 ("10.1.2.3") and hexadecimal IPv6 with at most one
 * "::" ("2001:db8::7"). Anything else — surrounding spaces, leading zeros in IPv4, a zone, an
 * embedded IPv4 tail, a malformed text — is left to {@link OfficeResolver#parse}, which accepts or
 * refuses it; so these readers only ever accept what that parser accepts, with the same value.
 */
final class AddressText {

    /** Returned by {@link #ipv4} when the text is not a plain dotted quad. */
    static final long NOT_READ = -1;

    private AddressText() {
    }

    /** The 32-bit value of a plain dotted quad, or {@link #NOT_READ}. */
    static long ipv4(String text) {
        int length = text.length();
        if (length < 7 || length > 15) {
            return NOT_READ;
        }
        long value = 0;
        int octets = 0;
        int i = 0;
        while (i < length) {
            int start = i;
            int octet = 0;
            while (i < length && i - start < 4) {
                char c = text.charAt(i);
                if (c < '0' || c > '9') {
                    break;
                }
                octet = octet * 10 + (c - '0');
                i++;
            }
            int digits = i - start;
            if (digits == 0 || digits > 3 || octet > 255 || (digits > 1 && text.charAt(start) == '0')) {
                return NOT_READ;
            }
            value = (value << 8) | octet;
            octets++;
            if (i == length) {
                break;
            }
            if (text.charAt(i) != '.' || octets == 4) {
                return NOT_READ;
            }
            i++;
        }
        return octets == 4 && text.charAt(length - 1) != '.' ? value : NOT_READ;
    }

    /**
     * Reads a plain hexadecimal IPv6 text into {@code out[0]} (high 64 bits) and {@code out[1]}
     * (low 64 bits).
     *
     * @return false, with out unspecified, when the text is not of that plain form
     */
    static boolean ipv6(String text, long[] out) {
        int length = text.length();
        if (length < 2 || length > 39) {
            return false;
        }
        int[] groups = new int[8];
        int count = 0;
        int gap = -1; // index in groups where "::" stands
        int i = 0;
        if (text.startsWith("::")) {
            gap = 0;
            i = 2;
            if (i == length) {
                return finish(groups, count, gap, out);
            }
        } else if (text.charAt(0) == ':') {
            return false;
        }
        while (i < length) {
            if (count == 8) {
                return false;
            }
            int start = i;
            int group = 0;
            while (i < length && i - start < 5) {
                int digit = Character.digit(text.charAt(i), 16);
                if (digit < 0) {
                    break;
                }
                group = (group << 4) | digit;
                i++;
            }
            int digits = i - start;
            if (digits == 0 || digits > 4) {
                return false;
            }
            groups[count++] = group;
            if (i == length) {
                break;
            }
            if (text.charAt(i) != ':') {
                return false;
            }
            i++;
            if (i < length && text.charAt(i) == ':') {
                if (gap >= 0) {
                    return false;
                }
                gap = count;
                i++;
                if (i == length) {
                    break;
                }
            } else if (i == length) {
                return false; // a single trailing ':'
            }
        }
        return finish(groups, count, gap, out);
    }

    private static boolean finish(int[] groups, int count, int gap, long[] out) {
        if (gap < 0 ? count != 8 : count > 6) { // "::" standing for one group is left to the full parser
            return false;
        }
        int[] full = new int[8];
        if (gap < 0) {
            System.arraycopy(groups, 0, full, 0, 8);
        } else {
            System.arraycopy(groups, 0, full, 0, gap);
            int tail = count - gap;
            System.arraycopy(groups, gap, full, 8 - tail, tail);
        }
        long hi = 0;
        long lo = 0;
        for (int g = 0; g < 4; g++) {
            hi = (hi << 16) | full[g];
            lo = (lo << 16) | full[g + 4];
        }
        out[0] = hi;
        out[1] = lo;
        return true;
    }
}
