package dev.cascade.agent.content;

/**
 * A content the cache has no room for: starting it would take the cache past its usable bytes (the
 * configured limit bounded by the volume, as REGISTER reports it) or past the free space the
 * contents already started still need. Nothing was created.
 */
public final class CacheFullException extends RuntimeException {

    private final String contentId;
    private final long neededBytes;
    private final long availableBytes;

    CacheFullException(String contentId, long neededBytes, long availableBytes, String numbers) {
        super("content '" + contentId + "' needs " + neededBytes + " bytes but the cache has room for " + availableBytes
                + " (" + numbers + "): " + (neededBytes - availableBytes) + " bytes short");
        this.contentId = contentId;
        this.neededBytes = neededBytes;
        this.availableBytes = availableBytes;
    }

    public String contentId() {
        return contentId;
    }

    public long neededBytes() {
        return neededBytes;
    }

    public long availableBytes() {
        return availableBytes;
    }

    /** How many bytes eviction would have to free for the content to fit. */
    public long shortByBytes() {
        return neededBytes - availableBytes;
    }
}
