package dev.cascade.agent.content;

import java.net.URI;

/**
 * The origin (CDN or file store) could not deliver a content: an HTTP status it should not have
 * answered (404, 416, a 5xx that outlived the retries...), a connection that kept failing, or pieces
 * that kept arriving corrupt. Names the URL, the range asked for and the status (0 when there was no
 * HTTP answer).
 */
public final class OriginException extends RuntimeException {

    private final URI url;
    private final int status;
    private final String range;
    private final boolean transientFailure;

    OriginException(URI url, int status, String range, boolean transientFailure, String message, Throwable cause) {
        super(message, cause);
        this.url = url;
        this.status = status;
        this.range = range;
        this.transientFailure = transientFailure;
    }

    public URI url() {
        return url;
    }

    /** The HTTP status of the last answer; 0 when the failure was not an HTTP answer (connection, corrupt piece). */
    public int status() {
        return status;
    }

    /** The Range header of the request that failed, e.g. {@code bytes=0-1048575}. */
    public String range() {
        return range;
    }

    /** Whether trying again later may succeed (5xx, 429, connection failures, corrupt bytes). */
    public boolean transientFailure() {
        return transientFailure;
    }
}
