package dev.cascade.agent.follow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import com.google.protobuf.InvalidProtocolBufferException;

import dev.cascade.contracts.v1.DeploymentNotice;

/**
 * The deployments this agent follows, kept across restarts in {@code <state-dir>/deployments}: one file per content
 * (named by the SHA-256 of its id) holding the DEPLOYMENT_NOTICE, {@code .following} while its job runs and
 * {@code .done} once it completed. The server sends a notice only to a peer holding nothing of the content, so a
 * restarted agent that holds part of it would otherwise never finish it; and a seed, which learns what its library
 * serves from notices, would forget it.
 */
public final class DeploymentJournal {

    private static final String FOLLOWING = ".following";
    private static final String DONE = ".done";

    private final Path dir;
    private final List<String> problems = new ArrayList<>();

    private DeploymentJournal(Path dir) {
        this.dir = dir;
    }

    /** Opens (creating it if needed) the journal in {@code dir}. */
    public static DeploymentJournal open(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the deployment journal " + dir + ": " + e.getMessage(), e);
        }
        return new DeploymentJournal(dir);
    }

    /** Records that the notice's content is being followed (written whole or not at all). */
    public void following(DeploymentNotice notice) {
        write(notice, FOLLOWING);
        delete(file(notice.getContent().getContentId(), DONE));
    }

    /** Records that the notice's content completed. */
    public void done(DeploymentNotice notice) {
        write(notice, DONE);
        delete(file(notice.getContent().getContentId(), FOLLOWING));
    }

    /** The notices of contents whose jobs had not finished when the agent stopped. */
    public List<DeploymentNotice> following() {
        return read(FOLLOWING);
    }

    /** The notices of contents that completed. */
    public List<DeploymentNotice> done() {
        return read(DONE);
    }

    /** Problems met while reading (an unreadable file is skipped and named here), for the operator. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    private List<DeploymentNotice> read(String suffix) {
        List<DeploymentNotice> notices = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + suffix)) {
            for (Path file : files) {
                try {
                    notices.add(DeploymentNotice.parseFrom(Files.readAllBytes(file)));
                } catch (InvalidProtocolBufferException e) {
                    problems.add(file + " is not a deployment notice (" + e.getMessage() + "); ignored");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the deployment journal " + dir + ": " + e.getMessage(), e);
        }
        return notices;
    }

    private void write(DeploymentNotice notice, String suffix) {
        Path target = file(notice.getContent().getContentId(), suffix);
        Path temp = target.resolveSibling(target.getFileName() + ".tmp");
        try {
            Files.write(temp, notice.toByteArray());
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file + ": " + e.getMessage(), e);
        }
    }

    private Path file(String contentId, String suffix) {
        return dir.resolve(fileName(contentId) + suffix);
    }

    /** The SHA-256 of the id in hexadecimal: any id names a file, on any file system. */
    static String fileName(String contentId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(contentId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
