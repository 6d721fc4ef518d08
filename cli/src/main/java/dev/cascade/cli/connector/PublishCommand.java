package dev.cascade.cli.connector;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import com.google.protobuf.ByteString;

import dev.cascade.contracts.v1.AppMetadata;
import dev.cascade.wire.MessageType;
import dev.cascade.wire.PayloadLimits;
import dev.cascade.wire.large.Fragmenter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cascade connector publish FILE}: puts a file into the content library and sends its APP_METADATA
 * (protocol.md §11) — as one datagram when the payload is at most {@value #SMALL_PAYLOAD_LIMIT} bytes, else as a
 * large message (§10) to the gateway's large-message port. The library copy comes first, so the server never
 * announces a content the library does not hold.
 */
@Command(name = "publish", description = {"Publish a content: compute its size, SHA-256 and piece hashes, copy it into the",
        "content library (skipped when the same bytes are there already), and send its app metadata to the server."})
final class PublishCommand extends ConnectorAction {

    /** As the agent's reports (PeerReports): 1 280 bytes with header and tag, the IPv6 minimum MTU, never IP-fragmented. */
    static final int SMALL_PAYLOAD_LIMIT = 1_200;
    static final long MIN_PIECE_SIZE = 1L << 10;
    static final long MAX_PIECE_SIZE = 1L << 30;
    /** Bytes one piece hash takes in the AppMetadata payload: field tag, length, 32 bytes. */
    private static final int BYTES_PER_PIECE_HASH = 34;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Parameters(paramLabel = "FILE", description = "The file to publish (read twice at most, never held in memory)")
    Path file;

    @Option(names = "--content-id", paramLabel = "ID",
            description = "The content id (the UEM's blob id; also the file name in the library). Default: the file's SHA-256 in hex")
    String contentId;

    @Option(names = "--name", paramLabel = "NAME", description = "The application's name (default: the file name)")
    String name;

    @Option(names = "--version", paramLabel = "V", defaultValue = "", description = "The application's version (default: none)")
    String version;

    @Option(names = "--piece-size", paramLabel = "SIZE", defaultValue = "1MiB", converter = ByteSize.class,
            description = "Bytes per piece, 1KiB..1GiB (default: ${DEFAULT-VALUE})")
    long pieceSize;

    @Option(names = "--library", paramLabel = "DIR", defaultValue = "./data/library",
            description = "The content library (file store) the seed peer serves from (default: ${DEFAULT-VALUE})")
    Path library;

    @Option(names = "--origin-url", paramLabel = "URL", defaultValue = "",
            description = "Where a CDN or web server serves this content over HTTP(S) (default: none; peers then get it from the library's seed peer)")
    String originUrl;

    @Option(names = "--progress", paramLabel = "WHEN", defaultValue = "auto",
            description = "Progress bar while reading the file: auto (files of 64 MiB or more), always, never (default: ${DEFAULT-VALUE})")
    String progress;

    @Override
    int run(PrintWriter out) {
        HashingProgress.Mode progressMode = progressMode();
        long size = checkedInputs();
        ContentLibrary store = new ContentLibrary(library);
        if (contentId != null) {
            store.pathOf(contentId); // refuse an id that cannot name a library file before reading anything
        }
        try (ConnectorSession session = options.open()) { // the key file and the port are checked before the long read
            ContentDigest digest;
            boolean copied;
            if (contentId != null && !store.holds(contentId)) {
                digest = copy(store, contentId, null, size, progressMode);
                copied = true;
            } else {
                digest = hash(size, progressMode);
                if (contentId == null) {
                    contentId = digest.sha256Hex();
                }
                if (store.holds(contentId)) {
                    ContentDigest held;
                    try (HashingProgress bar = HashingProgress.of(progressMode, "check library", size, err())) {
                        held = store.digestOf(contentId, (int) pieceSize, bar);
                    }
                    if (!Arrays.equals(held.sha256(), digest.sha256())) {
                        throw new ConnectorException("the library " + library + " already holds a different content as '"
                                + contentId + "' (SHA-256 " + held.sha256Hex() + ", " + held.sizeBytes() + " bytes); "
                                + file + " has SHA-256 " + digest.sha256Hex() + ": publish it under another --content-id");
                    }
                    copied = false;
                } else {
                    copy(store, contentId, digest, size, progressMode);
                    copied = true;
                }
            }
            byte[] payload = metadata(digest).toByteArray();
            boolean large = payload.length > SMALL_PAYLOAD_LIMIT;
            session.deliver(MessageType.APP_METADATA, payload, large);
            out.printf("published %s: %d bytes, sha256 %s, %d piece%s of %s%n", contentId, digest.sizeBytes(), digest.sha256Hex(),
                    digest.pieceHashes().size(), digest.pieceHashes().size() == 1 ? "" : "s", sizeText(pieceSize));
            out.printf("library   %s (%s)%n", store.pathOf(contentId), copied ? "copied" : "already there, same SHA-256");
            out.printf("metadata  %d bytes as %s, acknowledged by the server at %s%n", payload.length,
                    large ? "a large message" : "one datagram", session.server());
            return 0;
        }
    }

    private HashingProgress.Mode progressMode() {
        try {
            return HashingProgress.Mode.valueOf(progress.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--progress '" + progress + "' is not one of auto, always, never");
        }
    }

    /** Checks every option and the file; returns the file's size. Nothing is read or written before this passes. */
    private long checkedInputs() {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IllegalArgumentException(file + " is not a readable file");
        }
        if (pieceSize < MIN_PIECE_SIZE || pieceSize > MAX_PIECE_SIZE) {
            throw new IllegalArgumentException("--piece-size " + pieceSize + " is outside 1KiB..1GiB");
        }
        if (name == null) {
            name = file.getFileName().toString();
        }
        text("--name", name, PayloadLimits.MAX_ID_LENGTH);
        text("--version", version, PayloadLimits.MAX_ID_LENGTH);
        text("--origin-url", originUrl, PayloadLimits.MAX_URL_LENGTH);
        if (!originUrl.isEmpty()) {
            try {
                URI uri = new URI(originUrl);
                if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                    throw new URISyntaxException(originUrl, "expected an http or https URL with a host");
                }
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("--origin-url '" + originUrl + "' is not an http(s) URL: " + e.getReason());
            }
        }
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new ConnectorException("cannot read the size of " + file + ": " + e.getMessage(), e);
        }
        long pieces = ContentDigest.pieceCount(size, (int) pieceSize);
        if (pieces * BYTES_PER_PIECE_HASH > Fragmenter.DEFAULT_MAX_MESSAGE_SIZE - 8192) {
            throw new IllegalArgumentException(file + " (" + size + " bytes) makes " + pieces + " pieces of "
                    + sizeText(pieceSize) + ": their hashes would exceed the 16 MiB limit of one message; use a larger --piece-size");
        }
        return size;
    }

    private static void text(String option, String value, int maxLength) {
        if (value.length() > maxLength || value.chars().anyMatch(c -> c < 0x20 || c >= 0x7f && c <= 0x9f)) {
            throw new IllegalArgumentException(option + " must be at most " + maxLength + " characters without control characters");
        }
    }

    private ContentDigest hash(long size, HashingProgress.Mode mode) {
        try (HashingProgress bar = HashingProgress.of(mode, "hash", size, err()); InputStream in = Files.newInputStream(file)) {
            return ContentHasher.digest(in, (int) pieceSize, null, bar);
        } catch (IOException e) {
            throw new ConnectorException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private ContentDigest copy(ContentLibrary store, String id, ContentDigest expected, long size, HashingProgress.Mode mode) {
        try (HashingProgress bar = HashingProgress.of(mode, "copy+hash", size, err())) {
            return store.copyIn(file, id, (int) pieceSize, expected, bar);
        }
    }

    private AppMetadata metadata(ContentDigest digest) {
        AppMetadata.Builder metadata = AppMetadata.newBuilder().setContentId(contentId).setName(name).setVersion(version)
                .setSizeBytes(digest.sizeBytes()).setSha256(ByteString.copyFrom(digest.sha256()))
                .setPieceSize((int) pieceSize).setOriginUrl(originUrl);
        digest.pieceHashes().forEach(hash -> metadata.addPieceHashes(ByteString.copyFrom(hash)));
        return metadata.build();
    }

    private static String sizeText(long bytes) {
        if (bytes % (1L << 30) == 0) {
            return bytes / (1L << 30) + " GiB";
        }
        if (bytes % (1L << 20) == 0) {
            return bytes / (1L << 20) + " MiB";
        }
        return bytes % 1024 == 0 ? bytes / 1024 + " KiB" : bytes + " bytes";
    }
}
