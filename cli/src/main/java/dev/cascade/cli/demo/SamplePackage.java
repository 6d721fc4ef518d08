package dev.cascade.cli.demo;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;

/** The demo's package: random bytes (incompressible, as an installer), written and hashed in one pass. */
final class SamplePackage {

    private SamplePackage() {
    }

    /** A file of random bytes (a fixed seed: the same package every run); returns its SHA-256. */
    static String write(Path file, long size) {
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file.getParent() + ": " + e.getMessage(), e);
        }
        SplittableRandom random = new SplittableRandom(0x5eed_ca5c_adeL);
        byte[] buffer = new byte[1 << 20];
        try (OutputStream outFile = Files.newOutputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (long left = size; left > 0; ) {
                int n = (int) Math.min(buffer.length, left);
                for (int i = 0; i < n; i += 8) {
                    long value = random.nextLong();
                    for (int b = 0; b < 8 && i + b < n; b++) {
                        buffer[i + b] = (byte) (value >>> (8 * b));
                    }
                }
                outFile.write(buffer, 0, n);
                digest.update(buffer, 0, n);
                left -= n;
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the package " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
