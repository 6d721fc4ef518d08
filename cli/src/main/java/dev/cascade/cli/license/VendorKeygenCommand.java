package dev.cascade.cli.license;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "keygen", mixinStandardHelpOptions = true,
        description = {"Make an Ed25519 license signing key pair: DIR/license-signing-key.pem (private, PKCS#8, owner-only)",
                "and DIR/license-signing-key.pub.pem (public). Prints the key id and the value for",
                "licensing-service's cascade.licensing.trusted-keys."})
final class VendorKeygenCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory for the two key files")
    Path out;

    @Option(names = "--force", description = "Replace a key pair already in DIR (licenses signed with it stop verifying once its public key is removed from the services)")
    boolean force;

    @Override
    public Integer call() {
        KeyPair pair = SigningKeyFiles.generate();
        try {
            SigningKeyFiles.write(pair, out, force);
        } catch (FileAlreadyExistsException e) {
            spec.commandLine().getErr().println("cascade vendor keygen: " + e.getFile() + ": " + e.getReason());
            return 1;
        } catch (IOException e) {
            spec.commandLine().getErr().println("cascade vendor keygen: cannot write to " + out + ": " + e.getMessage());
            return 1;
        }
        var stdout = spec.commandLine().getOut();
        stdout.println("private key  " + out.resolve(SigningKeyFiles.PRIVATE_FILE) + "  (keep it secret; it signs licenses)");
        stdout.println("public key   " + out.resolve(SigningKeyFiles.PUBLIC_FILE));
        stdout.println("key id       " + SigningKeyFiles.keyId(pair.getPublic()));
        stdout.println("configure licensing-service with:");
        stdout.println("  cascade.licensing.trusted-keys=" + SigningKeyFiles.trustedKeyValue(pair.getPublic()));
        return 0;
    }
}
