package dev.cascade.gateway.ingest;

/** Sender-supplied text quoted in a REJECT detail: shortened and escaped, so a REJECT stays small and printable. */
public final class PayloadText {

    /** Quoted text is cut to this many characters. */
    public static final int MAX_QUOTED = 64;

    private PayloadText() {
    }

    public static String quote(String text) {
        StringBuilder out = new StringBuilder("'");
        shorten(text).codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.append('\'').toString();
    }

    public static String shorten(String text) {
        return text.length() <= MAX_QUOTED ? text : text.substring(0, MAX_QUOTED) + "…";
    }
}
