package dev.cascade.agent;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;

import com.google.protobuf.ByteString;

import dev.cascade.contracts.v1.AppMetadata;
import dev.cascade.contracts.v1.DeploymentMode;
import dev.cascade.contracts.v1.DeploymentNotice;
import dev.cascade.contracts.v1.DeploymentPolicy;

/**
 * A content made of seeded random bytes, cut into pieces, and the peer-to-peer DEPLOYMENT_NOTICE announcing it
 * (one deployment id per instance), as the connector would publish it.
 */
final class GeneratedContent {

    private final String id;
    private final byte[] bytes;
    private final int pieceSize;
    private final DeploymentNotice notice;

    GeneratedContent(String id, int size, int pieceSize, long seed) {
        this.id = id;
        this.bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        this.pieceSize = pieceSize;
        AppMetadata.Builder content = AppMetadata.newBuilder().setContentId(id).setName(id).setVersion("1")
                .setSizeBytes(size).setSha256(ByteString.copyFrom(digest(bytes))).setPieceSize(pieceSize);
        for (int from = 0; from < size; from += pieceSize) {
            content.addPieceHashes(ByteString.copyFrom(digest(piece(from / pieceSize))));
        }
        this.notice = DeploymentNotice.newBuilder().setDeploymentId(UUID.randomUUID().toString()).setContent(content)
                .setPolicy(DeploymentPolicy.newBuilder().setMode(DeploymentMode.DEPLOYMENT_MODE_PEER_TO_PEER)).build();
    }

    String id() {
        return id;
    }

    byte[] bytes() {
        return bytes;
    }

    int size() {
        return bytes.length;
    }

    int pieceSize() {
        return pieceSize;
    }

    int pieceCount() {
        return (bytes.length + pieceSize - 1) / pieceSize;
    }

    DeploymentNotice notice() {
        return notice;
    }

    byte[] piece(int index) {
        int from = index * pieceSize;
        return Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + pieceSize));
    }

    String sha256() {
        return sha256(bytes);
    }

    static String sha256(byte[] data) {
        return HexFormat.of().formatHex(digest(data));
    }

    private static byte[] digest(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
