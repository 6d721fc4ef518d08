package dev.cascade.agent;

import dev.cascade.agent.discovery.PieceBitmap;

/**
 * A content declared as held on the command line ({@code --hold}): until the piece store (issue 7)
 * fills the inventory from verified pieces, this is how an operator puts a holder on a subnet by hand.
 */
record HeldContent(String contentId, PieceBitmap pieces) {

    /** {@code CONTENT=COUNT} (all pieces) or {@code CONTENT=COUNT:RANGES} (e.g. {@code app-7=8:0-2,5,7}). */
    static HeldContent parse(String text) {
        int equals = text.lastIndexOf('=');
        if (equals <= 0) {
            throw new IllegalArgumentException("'" + text + "' is not CONTENT=COUNT or CONTENT=COUNT:RANGES (e.g. app-7=8:0-2,5,7)");
        }
        String contentId = text.substring(0, equals);
        String rest = text.substring(equals + 1);
        int colon = rest.indexOf(':');
        String countText = colon < 0 ? rest : rest.substring(0, colon);
        int count;
        try {
            count = Integer.parseInt(countText.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + countText + "' in '" + text + "' is not a piece count");
        }
        if (count < 1) {
            throw new IllegalArgumentException("the piece count in '" + text + "' must be at least 1");
        }
        PieceBitmap pieces = colon < 0 ? PieceBitmap.all(count) : PieceBitmap.parse(count, rest.substring(colon + 1));
        return new HeldContent(contentId, pieces);
    }
}
