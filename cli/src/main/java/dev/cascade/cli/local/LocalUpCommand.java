package dev.cascade.cli.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Start the embedded Kafka broker and the five services on this machine, wait until every",
                "health check is UP, print their URLs, and run until Ctrl-C, which stops everything."})
public final class LocalUpCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", description = "Where Kafka, the databases, logs and keys live (default: ./data)")
    Path dataDir = Path.of("data");

    @Mixin
    StackOptions stack;

    @Option(names = "--bind", description = "Address the gateway's UDP socket binds (default: ${DEFAULT-VALUE})")
    String bindHost = "0.0.0.0";

    @Option(names = "--property", paramLabel = "SERVICE:KEY=VALUE", description = {"A system property for one service, e.g.",
            "licensing-service:cascade.licensing.trusted-keys=MCowBQYDK2VwAyEA... (repeatable)"})
    java.util.List<String> properties = new java.util.ArrayList<>();

    @Option(names = "--start-timeout", description = "Seconds to wait for every service to be ready (default: ${DEFAULT-VALUE})")
    long startTimeoutSeconds = 180;

    @Override
    public Integer call() throws InterruptedException {
        Path data = dataDir.toAbsolutePath().normalize();
        LocalStack.routeBrokerLogs(data.resolve("logs"));
        LocalStack.Settings settings = new LocalStack.Settings(stack.home(), data, bindHost,
                stack.kafkaPort(), stack.httpBasePort(), stack.udpPorts(spec), Duration.ofSeconds(startTimeoutSeconds), System.out);
        for (String property : properties) {
            settings = withProperty(settings, property);
        }
        LocalStack stack = LocalStack.of(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        // Registered before anything starts, so Ctrl-C during startup also leaves no process behind.
        Thread stopper = new Thread(() -> {
            System.out.println(System.lineSeparator() + "stopping Cascade ...");
            stack.close();
            System.out.println("stopped.");
            stopped.countDown();
        }, "cascade-local-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        try {
            stack.start();
        } catch (LocalStackException e) {
            System.err.println("cascade local up: " + e.getMessage());
            try {
                Runtime.getRuntime().removeShutdownHook(stopper);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C arrived during startup: the hook is already stopping everything
            }
            return 1;
        }
        System.out.println(stack.summary());
        stopped.await();
        return 0;
    }

    /** Applies one {@code SERVICE:KEY=VALUE}; a malformed one or an unknown service is a usage error naming it. */
    private LocalStack.Settings withProperty(LocalStack.Settings settings, String text) {
        int colon = text.indexOf(':');
        int equals = text.indexOf('=', Math.max(colon, 0));
        if (colon <= 0 || equals <= colon + 1) {
            throw new ParameterException(spec.commandLine(), "--property '" + text + "': expected SERVICE:KEY=VALUE, e.g. "
                    + "licensing-service:cascade.licensing.trusted-keys=MCow...");
        }
        String module = text.substring(0, colon);
        Service service = java.util.Arrays.stream(Service.values()).filter(s -> s.module().equals(module)).findFirst()
                .orElseThrow(() -> new ParameterException(spec.commandLine(), "--property '" + text + "': no service '" + module
                        + "' (one of " + java.util.Arrays.stream(Service.values()).map(Service::module).toList() + ")"));
        return settings.withProperty(service, text.substring(colon + 1, equals), text.substring(equals + 1));
    }
}
