package dev.cascade.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import dev.cascade.cli.deploy.KubernetesManifests.Yamls;
import dev.cascade.cli.local.Service;
import dev.cascade.contracts.Topics;

/**
 * deploy/k8s against the code it deploys: every topic has a KafkaTopic, the gateway's Service exposes every
 * UDP port it listens on, services find each other and Kafka by their Kubernetes names, and every metric the
 * alerts and the dashboard read is one the code writes. kubectl and promtool checks skip where the tools are
 * missing; the others read the files directly.
 */
class KubernetesManifestsTest {

    /** Metrics the alerts and dashboard may read that Cascade's code does not write, and who writes them. */
    private static final Map<String, String> PLATFORM_METRICS = Map.of(
            "up", "Prometheus, one per scrape target",
            "jvm_memory_used_bytes", "Micrometer's JVM binder (on by default in quarkus-micrometer)",
            "kafka_topic_partition_current_offset", "Strimzi's Kafka Exporter",
            "kafka_consumergroup_lag", "Strimzi's Kafka Exporter");
    private static final long LARGE_RECORD_BYTES = 20L * 1024 * 1024;

    private static Path repository;
    private static KubernetesManifests manifests;

    @BeforeAll
    static void load() {
        repository = repositoryRoot();
        manifests = KubernetesManifests.load(repository.resolve("deploy/k8s"));
    }

    @Test
    void kustomizeRendersEveryManifestAndTheDashboard() throws IOException {
        ExternalCommand kubectl = new ExternalCommand("kubectl");
        assumeTrue(kubectl.installed(), "kubectl is not installed: `kubectl kustomize deploy/k8s` not checked");

        ExternalCommand.Result result = kubectl.run(repository, "kustomize", "deploy/k8s");
        assertThat(result.exitCode()).as("kubectl kustomize deploy/k8s:%n%s", result.output()).isZero();
        List<Map<String, Object>> rendered = Yamls.parseAll(result.output());

        Set<String> expected = new TreeSet<>();
        manifests.resources().forEach(resource -> expected.add(resource.get("kind") + "/" + KubernetesManifests.name(resource)));
        manifests.generatedConfigMapFiles().keySet().forEach(name -> expected.add("ConfigMap/" + name));
        assertThat(rendered.stream().map(resource -> resource.get("kind") + "/" + KubernetesManifests.name(resource)))
                .containsExactlyInAnyOrderElementsOf(expected);
        for (Map<String, Object> resource : rendered) {
            if (!"Namespace".equals(resource.get("kind"))) {
                assertThat(Yamls.map(resource.get("metadata")).get("namespace"))
                        .as("namespace of %s/%s", resource.get("kind"), KubernetesManifests.name(resource)).isEqualTo("cascade");
            }
        }

        Map<String, Object> dashboard = rendered.stream()
                .filter(resource -> "ConfigMap".equals(resource.get("kind")) && "cascade-grafana-dashboard".equals(KubernetesManifests.name(resource)))
                .findFirst().orElseThrow();
        assertThat(Yamls.map(Yamls.map(dashboard.get("metadata")).get("labels"))).as("Grafana's sidecar finds dashboards by this label")
                .containsEntry("grafana_dashboard", "1");
        String json = (String) Yamls.map(dashboard.get("data")).get("cascade-overview.json");
        assertThat(json).isEqualTo(Files.readString(manifests.directory().resolve("dashboards/cascade-overview.json")));
        assertThat(Yamls.parseAll(json).get(0)).containsKey("panels");
    }

    @Test
    void everyTopicAndEveryDeadLetterTopicIsAKafkaTopic() {
        SortedSet<String> needed = new TreeSet<>(topicConstants());
        for (Service service : Service.values()) {
            ServiceSettings settings = ServiceSettings.read(repository, service.module());
            needed.addAll(settings.deadLetterTopics());
            needed.addAll(settings.channelTopics());
        }
        assertThat(needed).as("topics found in Topics.java and the services' channels")
                .contains(Topics.PEER_REGISTRATIONS, "cascade.peer.registrations.dlq.licensing-service");

        String cluster = KubernetesManifests.name(manifests.ofKind("Kafka").get(0));
        Map<String, Map<String, Object>> declared = new TreeMap<>();
        for (Map<String, Object> topic : manifests.ofKind("KafkaTopic")) {
            declared.put(topicName(topic), topic);
            assertThat(Yamls.map(Yamls.map(topic.get("metadata")).get("labels")))
                    .as("KafkaTopic %s belongs to the Kafka cluster", topicName(topic)).containsEntry("strimzi.io/cluster", cluster);
            assertThat((Integer) Yamls.map(topic.get("spec")).get("replicas"))
                    .as("replicas of %s: acks=all and min.insync.replicas 2 need 3", topicName(topic)).isGreaterThanOrEqualTo(3);
        }
        assertThat(declared.keySet()).as("KafkaTopics in 11-kafka-topics.yaml (auto-creation is off)").containsAll(needed);
        assertThat(needed).as("KafkaTopics no code uses any more").containsAll(declared.keySet());
    }

    @Test
    void topicsCarryingLargeMessagesAndTheirDeadLettersAcceptLargeRecords() throws ReflectiveOperationException {
        Field field = Class.forName("dev.cascade.cli.local.LocalStack").getDeclaredField("LARGE_RECORD_TOPICS");
        field.setAccessible(true); // the local stack's list is the one source of which topics carry large messages
        @SuppressWarnings("unchecked")
        List<String> large = (List<String>) field.get(null);
        assertThat(large).isNotEmpty();

        for (Map<String, Object> topic : manifests.ofKind("KafkaTopic")) {
            String name = topicName(topic);
            boolean carriesLarge = large.stream().anyMatch(source -> name.equals(source) || name.startsWith(source + ".dlq."));
            if (carriesLarge) {
                Object limit = Yamls.map(Yamls.map(topic.get("spec")).get("config")).get("max.message.bytes");
                assertThat(limit).as("max.message.bytes of %s (records up to 16 MiB, producers allow 20 MiB)", name).isNotNull();
                assertThat(Long.parseLong(String.valueOf(limit))).as("max.message.bytes of %s", name).isGreaterThanOrEqualTo(LARGE_RECORD_BYTES);
            }
        }

        // a large record a service cannot read must fit its dead-letter producer too (Kafka's default is 1 MiB):
        // otherwise the dead-letter write fails and the channel stops
        int checked = 0;
        for (Service service : Service.values()) {
            Map<String, String> properties = ServiceSettings.read(repository, service.module()).properties();
            for (Map.Entry<String, String> entry : properties.entrySet()) {
                Matcher channel = Pattern.compile("mp\\.messaging\\.incoming\\.([^.]+)\\.topic").matcher(entry.getKey());
                String prefix = channel.matches() ? "mp.messaging.incoming." + channel.group(1) + "." : null;
                if (prefix == null || !large.contains(entry.getValue())
                        || !"dead-letter-queue".equals(properties.get(prefix + "failure-strategy"))) {
                    continue;
                }
                String size = properties.get(prefix + "dead-letter-queue.max.request.size");
                assertThat(size).as("%s: %sdead-letter-queue.max.request.size", service.module(), prefix).isNotNull();
                assertThat(Long.parseLong(size)).as("%s: %sdead-letter-queue.max.request.size", service.module(), prefix)
                        .isGreaterThanOrEqualTo(LARGE_RECORD_BYTES);
                checked++;
            }
        }
        assertThat(checked).as("channels reading large-record topics with a dead-letter topic").isGreaterThanOrEqualTo(5);
    }

    @Test
    void everyIncomingChannelHasAConsumerGroupOfItsOwnAndServicesWithSeveralStopWithoutGrace() {
        // one group shared by a service's channels makes every join or leave stop all of them for a rebalance;
        // SmallRye closes channels one by one, a graceful close sleeping 2 s first: 22 s for metadata-service's eight
        int channels = 0;
        for (Service service : Service.values()) {
            Map<String, String> properties = ServiceSettings.read(repository, service.module()).properties();
            int own = 0;
            for (String key : properties.keySet()) {
                Matcher channel = Pattern.compile("mp\\.messaging\\.incoming\\.([^.]+)\\.topic").matcher(key);
                if (channel.matches()) {
                    String name = channel.group(1);
                    assertThat(properties.get("mp.messaging.incoming." + name + ".group.id"))
                            .as("%s: the consumer group of channel %s", service.module(), name)
                            .isEqualTo(service.module() + "." + name);
                    own++;
                }
            }
            if (own > 1) {
                assertThat(properties.get("mp.messaging.connector.smallrye-kafka.graceful-shutdown"))
                        .as("%s (%d channels, idempotent consumers): graceful-shutdown", service.module(), own)
                        .isEqualTo("false");
            }
            channels += own;
        }
        assertThat(channels).as("incoming Kafka channels of all services").isGreaterThanOrEqualTo(15);
    }

    @Test
    void gatewayLoadBalancerExposesEveryUdpServerPort() {
        Map<String, Integer> configured = ServiceSettings.read(repository, Service.GATEWAY.module()).gatewayUdpPorts();
        assertThat(configured).as("the gateway's UDP ports in application.properties").hasSizeGreaterThanOrEqualTo(7);
        Set<Integer> ports = new TreeSet<>(configured.values());

        Map<String, Object> spec = Yamls.map(manifests.get("Service", "udp-gateway").get("spec"));
        assertThat(spec).containsEntry("type", "LoadBalancer").containsEntry("externalTrafficPolicy", "Local")
                .containsEntry("sessionAffinity", "ClientIP");
        Set<Integer> exposed = new TreeSet<>();
        for (Object entry : Yamls.list(spec, "ports")) {
            Map<String, Object> port = Yamls.map(entry);
            assertThat(port).as("Service port %s", port).containsEntry("protocol", "UDP").containsEntry("targetPort", port.get("port"));
            exposed.add((Integer) port.get("port"));
        }
        assertThat(exposed).as("UDP ports of the udp-gateway LoadBalancer").isEqualTo(ports);

        Set<Integer> containerPorts = Yamls.list(manifests.container("udp-gateway"), "ports").stream().map(Yamls::map)
                .filter(port -> "UDP".equals(port.get("protocol"))).map(port -> (Integer) port.get("containerPort"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(containerPorts).as("UDP container ports of the udp-gateway pods").isEqualTo(ports);
    }

    @Test
    void gatewayPollsTheKeyRingOnActivationServicesGrpcPortWhichOnlyTheGatewaysReach() {
        Map<String, String> gateway = manifests.environment("udp-gateway");
        // exactly one key source, or the gateway stops at start
        assertThat(gateway).as("the gateway's key sources").doesNotContainKeys("CASCADE_KEYS_FILE", "CASCADE_KEYS_FLEET",
                "CASCADE_KEYS_CONNECTOR");
        String address = gateway.get("CASCADE_KEYS_ACTIVATION_SERVICE");
        assertThat(address).as("cascade.keys.activation-service of the gateway").matches("[a-z0-9-]+:[0-9]+");
        String host = address.substring(0, address.indexOf(':'));
        int port = Integer.parseInt(address.substring(address.indexOf(':') + 1));

        Map<String, Object> target = Yamls.map(manifests.get("Service", host).get("spec"));
        assertThat(Yamls.map(target.get("selector"))).as("selector of Service %s", host)
                .containsEntry("app.kubernetes.io/name", "activation-service");
        Map<String, Object> servicePort = Yamls.list(target, "ports").stream().map(Yamls::map)
                .filter(p -> Integer.valueOf(port).equals(p.get("port"))).findFirst()
                .orElseThrow(() -> new AssertionError("Service " + host + " has no port " + port));
        Map<String, Object> containerPort = Yamls.list(manifests.container("activation-service"), "ports").stream()
                .map(Yamls::map).filter(p -> p.get("name").equals(servicePort.get("targetPort"))).findFirst()
                .orElseThrow(() -> new AssertionError("activation-service has no container port " + servicePort.get("targetPort")));
        Map<String, String> activation = manifests.environment("activation-service");
        assertThat(activation).as("activation-service serves gRPC on its own port, the one the gateway dials")
                .containsEntry("QUARKUS_GRPC_SERVER_USE_SEPARATE_SERVER", "true")
                .containsEntry("QUARKUS_GRPC_SERVER_PORT", String.valueOf(containerPort.get("containerPort")));
        int grpcPort = (Integer) containerPort.get("containerPort");
        assertThat(grpcPort).as("gRPC apart from HTTP").isNotEqualTo(ServiceSettings.read(repository, "activation-service").httpPort());

        // the ring carries key secrets: a NetworkPolicy on activation-service admits only gateway pods to the gRPC port
        Map<String, Object> policy = manifests.ofKind("NetworkPolicy").stream()
                .filter(p -> "activation-service".equals(Yamls.path(p, "spec", "podSelector", "matchLabels").get("app.kubernetes.io/name")))
                .findFirst().orElseThrow(() -> new AssertionError("no NetworkPolicy selects activation-service's pods"));
        assertThat(Yamls.list(Yamls.map(policy.get("spec")), "policyTypes")).contains("Ingress");
        List<Map<String, Object>> rulesForGrpc = Yamls.list(Yamls.map(policy.get("spec")), "ingress").stream().map(Yamls::map)
                .filter(rule -> Yamls.list(rule, "ports").stream().map(Yamls::map)
                        .anyMatch(p -> Integer.valueOf(grpcPort).equals(p.get("port")))).toList();
        assertThat(rulesForGrpc).as("ingress rules opening the gRPC port").isNotEmpty().allSatisfy(rule -> {
            assertThat(Yamls.list(rule, "from")).as("sources of the gRPC port").isNotEmpty().allSatisfy(source -> assertThat(
                    Yamls.path(Yamls.map(source), "podSelector", "matchLabels"))
                    .isEqualTo(Map.of("app.kubernetes.io/name", "udp-gateway")));
        });
        assertThat(Yamls.list(Yamls.map(policy.get("spec")), "ingress").stream().map(Yamls::map)
                .filter(rule -> Yamls.list(rule, "ports").isEmpty()))
                .as("no rule opens every port").isEmpty();
    }

    @Test
    void servicesReachEachOtherAndKafkaByTheirKubernetesNames() {
        Map<String, Object> kafka = manifests.ofKind("Kafka").get(0);
        Map<String, Object> plain = Yamls.list(Yamls.path(kafka, "spec", "kafka"), "listeners").stream().map(Yamls::map)
                .filter(listener -> Boolean.FALSE.equals(listener.get("tls"))).findFirst().orElseThrow();
        String bootstrap = KubernetesManifests.name(kafka) + "-kafka-bootstrap:" + plain.get("port");

        for (Service service : Service.values()) {
            ServiceSettings settings = ServiceSettings.read(repository, service.module());
            Map<String, String> environment = manifests.environment(service.module());
            assertThat(environment).as("environment of %s", service.module()).containsEntry("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
            for (String client : settings.grpcClients()) {
                String prefix = "QUARKUS_GRPC_CLIENTS_" + client.toUpperCase().replace('-', '_') + "_";
                String host = environment.get(prefix + "HOST");
                assertThat(host).as("%s's gRPC client '%s' would call %s", service.module(), client,
                        settings.properties().get("quarkus.grpc.clients." + client + ".host")).isNotNull();
                int port = Integer.parseInt(environment.get(prefix + "PORT"));
                Map<String, Object> target = manifests.get("Service", host);
                assertThat(Yamls.list(Yamls.map(target.get("spec")), "ports").stream().map(p -> Yamls.map(p).get("port")))
                        .as("ports of Service %s", host).contains(port);
                String server = (String) Yamls.map(Yamls.map(target.get("spec")).get("selector")).get("app.kubernetes.io/name");
                assertThat(ServiceSettings.read(repository, server).httpPort()).as("%s serves gRPC on its HTTP port", server).isEqualTo(port);
            }
            if (settings.properties().containsKey("quarkus.datasource.db-kind")) {
                for (String variable : List.of("CASCADE_DB_URL", "CASCADE_DB_USER", "CASCADE_DB_PASSWORD")) {
                    assertThat(environment.get(variable)).as("%s of %s", variable, service.module()).contains("secretKeyRef");
                }
            }
        }
    }

    @Test
    void everyServiceIsProbedScrapedAndProtectedFromDisruption() {
        for (Service service : Service.values()) {
            String name = service.module();
            int port = ServiceSettings.read(repository, name).httpPort();
            Map<String, Object> container = manifests.container(name);
            assertThat(Yamls.list(container, "ports").stream().map(Yamls::map))
                    .as("ports of %s", name).anySatisfy(p -> assertThat(p).containsEntry("name", "http").containsEntry("containerPort", port));
            assertThat(Yamls.path(container, "readinessProbe", "httpGet")).as("readiness of %s", name).containsEntry("path", "/q/health/ready");
            assertThat(Yamls.path(container, "livenessProbe", "httpGet")).as("liveness of %s", name).containsEntry("path", "/q/health/live");
            assertThat(Yamls.path(container, "resources", "limits")).as("limits of %s", name).containsKey("memory");

            Map<String, Object> template = Yamls.path(manifests.get("Deployment", name), "spec", "template", "metadata");
            assertThat(Yamls.map(template.get("annotations"))).as("scrape annotations of %s", name)
                    .containsEntry("prometheus.io/scrape", "true").containsEntry("prometheus.io/path", "/q/metrics")
                    .containsEntry("prometheus.io/port", String.valueOf(port));
            Map<String, Object> labels = Yamls.map(template.get("labels"));
            assertThat(manifests.ofKind("PodDisruptionBudget").stream()
                    .map(pdb -> Yamls.path(pdb, "spec", "selector", "matchLabels")))
                    .as("a PodDisruptionBudget of %s", name).anySatisfy(selector -> assertThat(labels).containsAllEntriesOf(selector));
            assertThat(manifests.ofKind("Service").stream().filter(s -> labels.entrySet().containsAll(
                    Yamls.map(Yamls.map(s.get("spec")).get("selector")).entrySet())).flatMap(s -> Yamls.list(Yamls.map(s.get("spec")), "ports").stream()))
                    .as("a Service in front of %s's HTTP port", name).anySatisfy(p -> assertThat(Yamls.map(p)).containsEntry("port", port));
        }

        // a 10 000-office import needs 1.5–2 GB of heap (docs/operations.md, "Memory")
        String options = manifests.environment("topology-service").get("JAVA_TOOL_OPTIONS");
        Matcher percentage = Pattern.compile("-XX:MaxRAMPercentage=([0-9.]+)").matcher(String.valueOf(options));
        assertThat(percentage.find()).as("JAVA_TOOL_OPTIONS %s sets the heap share", options).isTrue();
        long limit = KubernetesManifests.memoryBytes((String) Yamls.path(manifests.container("topology-service"), "resources", "limits").get("memory"));
        assertThat(limit * Double.parseDouble(percentage.group(1)) / 100).as("topology-service heap").isGreaterThanOrEqualTo(1.5e9);

        // the gateway's garbage is short-lived: the whole heap from the start, half of it young (docs/benchmarks.md,
        // ingest fifth pass), its own options replacing cascade-common's
        String gatewayOptions = manifests.environment("udp-gateway").get("JAVA_TOOL_OPTIONS");
        Matcher initial = Pattern.compile("-XX:InitialRAMPercentage=([0-9.]+)").matcher(String.valueOf(gatewayOptions));
        Matcher maximum = Pattern.compile("-XX:MaxRAMPercentage=([0-9.]+)").matcher(String.valueOf(gatewayOptions));
        assertThat(initial.find() && maximum.find()).as("udp-gateway JAVA_TOOL_OPTIONS %s sets the initial and the "
                + "maximum heap share", gatewayOptions).isTrue();
        assertThat(initial.group(1)).as("udp-gateway starts with its whole heap").isEqualTo(maximum.group(1));
        assertThat(gatewayOptions).as("udp-gateway heap layout and collector").contains("-XX:NewRatio=1", "-XX:+UseSerialGC");

        Map<String, Object> autoscaler = manifests.get("HorizontalPodAutoscaler", "udp-gateway");
        assertThat(Yamls.path(autoscaler, "spec", "scaleTargetRef")).containsEntry("kind", "Deployment").containsEntry("name", "udp-gateway");
        assertThat(Yamls.map(manifests.get("Deployment", "udp-gateway").get("spec")))
                .as("the autoscaler owns the gateway's replica count: an apply must not reset it").doesNotContainKey("replicas");
    }

    @Test
    void everyMetricTheAlertsAndTheDashboardReadIsWrittenByTheCode() throws IOException {
        WrittenMetrics code = WrittenMetrics.scan(repository);
        assertThat(code.names()).as("metric names found in the services' and libraries' sources")
                .contains("cascade_gateway_datagrams_rejected_total", "cascade_licensing_seats_overage");

        Map<String, SortedSet<String>> readBy = new TreeMap<>();
        for (String expression : manifests.alertExpressions()) {
            PromQlMetricNames.of(expression).forEach(name -> readBy.computeIfAbsent(name, n -> new TreeSet<>()).add("alert"));
        }
        for (String expression : manifests.dashboardExpressions()) {
            PromQlMetricNames.of(expression).forEach(name -> readBy.computeIfAbsent(name, n -> new TreeSet<>()).add("dashboard"));
        }
        assertThat(readBy).as("metrics read by the alerts and the dashboard").hasSizeGreaterThan(40);

        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, SortedSet<String>> entry : readBy.entrySet()) {
            String name = entry.getKey();
            if (!code.writes(name) && !PLATFORM_METRICS.containsKey(name)) {
                unknown.add(name + " (" + String.join(", ", entry.getValue()) + ")");
            }
        }
        assertThat(unknown).as("metrics no code writes").isEmpty();

        if (readBy.keySet().stream().anyMatch(name -> name.startsWith("kafka_"))) {
            Map<String, Object> kafka = manifests.ofKind("Kafka").get(0);
            assertThat(Yamls.map(kafka.get("spec"))).as("kafka_* metrics need Strimzi's Kafka Exporter").containsKey("kafkaExporter");
            String exporter = KubernetesManifests.name(kafka) + "-kafka-exporter";
            assertThat(manifests.ofKind("PodMonitor").stream().map(monitor -> Yamls.path(monitor, "spec", "selector", "matchLabels")))
                    .as("a PodMonitor scraping %s", exporter).anySatisfy(labels -> assertThat(labels).containsEntry("strimzi.io/name", exporter));
        }
    }

    @Test
    void alertRulesPassPromtoolAndTheirUnitTests(@TempDir Path directory) throws IOException {
        ExternalCommand promtool = new ExternalCommand("promtool");
        assumeTrue(promtool.installed(), "promtool is not installed (Debian package prometheus): alert rules not checked");

        Map<String, Object> rule = manifests.ofKind("PrometheusRule").get(0);
        Object groups = Yamls.map(rule.get("spec")).get("groups");
        Files.writeString(directory.resolve("cascade-rules.yaml"), new Yaml().dump(Map.of("groups", groups)));
        Files.copy(manifests.directory().resolve("tests/alerts-test.yaml"), directory.resolve("alerts-test.yaml"));

        ExternalCommand.Result check = promtool.run(directory, "check", "rules", "cascade-rules.yaml");
        assertThat(check.exitCode()).as("promtool check rules:%n%s", check.output()).isZero();
        ExternalCommand.Result test = promtool.run(directory, "test", "rules", "alerts-test.yaml");
        assertThat(test.exitCode()).as("promtool test rules deploy/k8s/tests/alerts-test.yaml:%n%s", test.output()).isZero();
    }

    /** The topic constants of {@link Topics} (the key constants name a record key, not a topic). */
    private static Set<String> topicConstants() {
        Set<String> topics = new TreeSet<>();
        for (Field field : Topics.class.getFields()) {
            int modifiers = field.getModifiers();
            if (Modifier.isStatic(modifiers) && field.getType() == String.class && !field.getName().endsWith("_KEY")) {
                try {
                    topics.add((String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return topics;
    }

    private static String topicName(Map<String, Object> topic) {
        Object explicit = Yamls.map(topic.get("spec")).get("topicName");
        return explicit != null ? (String) explicit : KubernetesManifests.name(topic);
    }

    private static Path repositoryRoot() {
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null) {
            if (Files.isRegularFile(directory.resolve("deploy/k8s/kustomization.yaml"))) {
                return directory;
            }
            directory = directory.getParent();
        }
        throw new UncheckedIOException(new IOException("no deploy/k8s/kustomization.yaml above " + Path.of("").toAbsolutePath()));
    }
}
