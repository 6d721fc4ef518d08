package dev.cascade.wire;

/**
 * Sender-supplied text quoted in a malformed-payload detail (and so in a REJECT): shortened and
 * escaped, so a REJECT stays small and printable whatever the sender put in the field.
 */
public final class PayloadText {

    /** Quoted text is cut to this many characters. */
    public static final int MAX_QUOTED = 64;

    private PayloadText() {
    }

    public static String quote(String text) {
        StringBuilder out = new StringBuilder("'");
        String shortened = shorten(text);
        for (int i = 0; i < shortened.length(); i++) {
            char c = shortened.charAt(i);
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('\'').toString();
    }

    public static String shorten(String text) {
        return text.length() <= MAX_QUOTED ? text : text.substring(0, MAX_QUOTED) + "…";
    }
}
