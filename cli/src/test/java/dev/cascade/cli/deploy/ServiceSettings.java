package dev.cascade.cli.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.SortedSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One service's application.properties as production sees it: the entries without a profile prefix
 * ({@code %test.}, {@code %embedded.}), since those are what the Kubernetes manifests must match.
 */
record ServiceSettings(String service, Map<String, String> properties) {

    private static final Pattern DEAD_LETTER_TOPIC = Pattern.compile("mp\\.messaging\\.incoming\\.([^.]+)\\.dead-letter-queue\\.topic");
    private static final Pattern CHANNEL_TOPIC = Pattern.compile("mp\\.messaging\\.(incoming|outgoing)\\.([^.]+)\\.topic");
    private static final Pattern GRPC_CLIENT_HOST = Pattern.compile("quarkus\\.grpc\\.clients\\.([^.]+)\\.host");
    private static final Pattern GATEWAY_PORT = Pattern.compile("cascade\\.gateway\\.(small-messages-port|ports\\.[a-z-]+)");

    static ServiceSettings read(Path repository, String service) {
        Path file = repository.resolve("services").resolve(service).resolve("src/main/resources/application.properties");
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        Map<String, String> production = new TreeMap<>();
        properties.stringPropertyNames().stream().filter(key -> !key.startsWith("%"))
                .forEach(key -> production.put(key, properties.getProperty(key).trim()));
        return new ServiceSettings(service, production);
    }

    int httpPort() {
        return Integer.parseInt(required("quarkus.http.port"));
    }

    /** Every {@code <topic>.dlq.<service>} its incoming channels dead-letter to. */
    SortedSet<String> deadLetterTopics() {
        return values(DEAD_LETTER_TOPIC);
    }

    /** The topics its channels read or write. */
    SortedSet<String> channelTopics() {
        return values(CHANNEL_TOPIC);
    }

    /** Names of its gRPC clients ({@code quarkus.grpc.clients.<name>.host}). */
    SortedSet<String> grpcClients() {
        SortedSet<String> names = new TreeSet<>();
        properties.keySet().forEach(key -> {
            Matcher matcher = GRPC_CLIENT_HOST.matcher(key);
            if (matcher.matches()) {
                names.add(matcher.group(1));
            }
        });
        return names;
    }

    /** The gateway's UDP server ports: property → port. */
    Map<String, Integer> gatewayUdpPorts() {
        Map<String, Integer> ports = new TreeMap<>();
        properties.forEach((key, value) -> {
            if (GATEWAY_PORT.matcher(key).matches()) {
                ports.put(key, Integer.parseInt(value));
            }
        });
        return ports;
    }

    String required(String key) {
        String value = properties.get(key);
        if (value == null) {
            throw new AssertionError(service + "'s application.properties has no " + key);
        }
        return value;
    }

    private SortedSet<String> values(Pattern keyPattern) {
        SortedSet<String> values = new TreeSet<>();
        properties.forEach((key, value) -> {
            if (keyPattern.matcher(key).matches()) {
                values.add(value);
            }
        });
        return values;
    }
}
