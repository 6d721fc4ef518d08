package dev.cascade.agent.follow;

/** Text for the server's reports: control characters become spaces, and the protocol's 1 024-character limit holds. */
final class ReportText {

    static final int MAX = 1_024;

    private ReportText() {
    }

    static String forReport(String text) {
        String clean = text.replaceAll("[\\x00-\\x1f\\x7f-\\x9f]", " ");
        return clean.length() <= MAX ? clean : clean.substring(0, MAX - 1) + "…";
    }
}
