package dev.cascade.cli.license;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The vendor's Ed25519 license signing key pair as files: the private key as PKCS#8 PEM
 * ({@code BEGIN PRIVATE KEY}, readable by OpenSSL, owner-only permissions) and the public key as
 * X.509 PEM ({@code BEGIN PUBLIC KEY}). The key id is derived from the public key
 * (docs/licensing.md): the first 8 bytes of SHA-256 over the 32-byte raw key, in hex.
 */
public final class SigningKeyFiles {

    static final String PRIVATE_FILE = "license-signing-key.pem";
    static final String PUBLIC_FILE = "license-signing-key.pub.pem";

    private SigningKeyFiles() {
    }

    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every Java 15+ runtime", e);
        }
    }

    /** Writes both files into {@code dir}; refuses to replace existing ones unless {@code replace}. */
    public static void write(KeyPair pair, Path dir, boolean replace) throws IOException {
        Files.createDirectories(dir);
        Path privateFile = dir.resolve(PRIVATE_FILE);
        Path publicFile = dir.resolve(PUBLIC_FILE);
        if (!replace) {
            for (Path file : new Path[] {privateFile, publicFile}) {
                if (Files.exists(file)) {
                    throw new FileAlreadyExistsException(file.toString(), null, "a signing key is already there (--force replaces it)");
                }
            }
        }
        Files.deleteIfExists(privateFile);
        Files.createFile(privateFile);
        try {
            Files.setPosixFilePermissions(privateFile, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system (Windows): the directory's own protection applies
        }
        Files.writeString(privateFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), StandardCharsets.US_ASCII,
                StandardOpenOption.TRUNCATE_EXISTING);
        Files.writeString(publicFile, pem("PUBLIC KEY", pair.getPublic().getEncoded()), StandardCharsets.US_ASCII);
    }

    /** Reads a private key file; the public key is derived from it (Ed25519 private keys hold the seed). */
    public static KeyPair readPrivate(Path file) throws IOException {
        byte[] der = der(Files.readString(file, StandardCharsets.US_ASCII), "PRIVATE KEY", file);
        try {
            PrivateKey key = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
            return new KeyPair(publicOf((EdECPrivateKey) key), key);
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException(file + " is not an Ed25519 private key (PKCS#8 PEM, as `cascade vendor keygen` writes)");
        }
    }

    /** base64 of the X.509 SubjectPublicKeyInfo: the value of cascade.licensing.trusted-keys. */
    public static String trustedKeyValue(PublicKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    public static String keyId(PublicKey key) {
        byte[] der = key.getEncoded();
        byte[] raw = Arrays.copyOfRange(der, der.length - 32, der.length);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw), 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** The public half of an Ed25519 private key, so the vendor passes one file, not two that could mismatch. */
    private static PublicKey publicOf(EdECPrivateKey key) throws GeneralSecurityException {
        // The JDK has no API to derive it; but an Ed25519 private key is its 32-byte seed (RFC 8032 5.1.5),
        // so the JDK's generator fed exactly that seed as its randomness builds the same pair.
        byte[] seed = key.getBytes().orElseThrow(() -> new GeneralSecurityException("the private key has no seed bytes"));
        KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
        generator.initialize(java.security.spec.NamedParameterSpec.ED25519, new FixedRandom(seed));
        KeyPair pair = generator.generateKeyPair();
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(pair.getPublic().getEncoded()));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] der(String text, String type, Path file) {
        int begin = text.indexOf("-----BEGIN " + type + "-----");
        int end = text.indexOf("-----END " + type + "-----");
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException(file + " holds no '" + type + "' PEM block");
        }
        String body = text.substring(begin + ("-----BEGIN " + type + "-----").length(), end).replaceAll("\\s", "");
        try {
            return Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": the " + type + " PEM block is not base64");
        }
    }

    /** A SecureRandom that hands out one fixed seed: how the JDK's generator is made to rebuild a known pair. */
    private static final class FixedRandom extends java.security.SecureRandom {
        private static final long serialVersionUID = 1L;
        private final byte[] seed;

        FixedRandom(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            if (bytes.length != seed.length) {
                throw new IllegalStateException("Ed25519 key generation asked for " + bytes.length + " random bytes, expected 32");
            }
            System.arraycopy(seed, 0, bytes, 0, bytes.length);
        }
    }
}
