package dev.cascade.gateway.outbound;

/**
 * An outbound datagram the gateway will not send; its message is the dead-letter reason and names
 * the field and what was expected. {@code label} is the metric tag.
 */
public final class OutboundRefused extends IllegalArgumentException {

    private final String label;

    public OutboundRefused(String label, String message) {
        super(message);
        this.label = label;
    }

    public String label() {
        return label;
    }
}
