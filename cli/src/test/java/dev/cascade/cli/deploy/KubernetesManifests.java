package dev.cascade.cli.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The resources of deploy/k8s as its kustomization.yaml lists them, read straight from the files (so the
 * checks run where kubectl is missing), plus the files its configMapGenerator turns into ConfigMaps.
 */
record KubernetesManifests(Path directory, List<Map<String, Object>> resources, Map<String, Object> kustomization) {

    static KubernetesManifests load(Path directory) {
        Map<String, Object> kustomization = Yamls.one(directory.resolve("kustomization.yaml"));
        List<Map<String, Object>> resources = new ArrayList<>();
        for (Object file : Yamls.list(kustomization, "resources")) {
            resources.addAll(Yamls.all(directory.resolve((String) file)));
        }
        return new KubernetesManifests(directory, List.copyOf(resources), kustomization);
    }

    List<Map<String, Object>> ofKind(String kind) {
        return resources.stream().filter(resource -> kind.equals(resource.get("kind"))).toList();
    }

    Optional<Map<String, Object>> find(String kind, String name) {
        return ofKind(kind).stream().filter(resource -> name.equals(name(resource))).findFirst();
    }

    Map<String, Object> get(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError("deploy/k8s has no " + kind + " named " + name));
    }

    /** The files the configMapGenerator entries read, by generated ConfigMap name. */
    Map<String, List<Path>> generatedConfigMapFiles() {
        Map<String, List<Path>> files = new LinkedHashMap<>();
        for (Object generator : Yamls.list(kustomization, "configMapGenerator")) {
            Map<String, Object> entry = Yamls.map(generator);
            files.put((String) entry.get("name"), Yamls.list(entry, "files").stream()
                    .map(file -> directory.resolve((String) file)).toList());
        }
        return files;
    }

    static String name(Map<String, Object> resource) {
        return (String) Yamls.map(resource.get("metadata")).get("name");
    }

    /** The environment a Deployment's first container sees: its env values plus the ConfigMaps of its envFrom. */
    Map<String, String> environment(String deployment) {
        Map<String, Object> container = container(deployment);
        Map<String, String> environment = new LinkedHashMap<>();
        for (Object source : Yamls.list(container, "envFrom")) {
            Object ref = Yamls.map(source).get("configMapRef");
            if (ref != null) {
                String configMap = (String) Yamls.map(ref).get("name");
                Yamls.map(get("ConfigMap", configMap).get("data")).forEach((key, value) -> environment.put(key, String.valueOf(value)));
            }
        }
        for (Object variable : Yamls.list(container, "env")) {
            Map<String, Object> entry = Yamls.map(variable);
            environment.put((String) entry.get("name"), entry.containsKey("value") ? String.valueOf(entry.get("value")) : "<from " + entry.get("valueFrom") + ">");
        }
        return environment;
    }

    Map<String, Object> podSpec(String deployment) {
        return Yamls.path(get("Deployment", deployment), "spec", "template", "spec");
    }

    Map<String, Object> container(String deployment) {
        List<Object> containers = Yamls.list(podSpec(deployment), "containers");
        return Yamls.map(containers.get(0));
    }

    /** The expressions of every PrometheusRule's rules. */
    List<String> alertExpressions() {
        List<String> expressions = new ArrayList<>();
        for (Map<String, Object> rule : ofKind("PrometheusRule")) {
            for (Object group : Yamls.list(Yamls.map(rule.get("spec")), "groups")) {
                Yamls.list(Yamls.map(group), "rules").forEach(entry -> expressions.add((String) Yamls.map(entry).get("expr")));
            }
        }
        return expressions;
    }

    /** Every {@code expr} in the generated ConfigMaps' files (the Grafana dashboard's queries). */
    List<String> dashboardExpressions() {
        List<String> expressions = new ArrayList<>();
        generatedConfigMapFiles().values().stream().flatMap(List::stream).forEach(file -> collectExpressions(Yamls.one(file), expressions));
        return expressions;
    }

    private static void collectExpressions(Object node, List<String> expressions) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                if ("expr".equals(key) && value instanceof String expression) {
                    expressions.add(expression);
                } else {
                    collectExpressions(value, expressions);
                }
            });
        } else if (node instanceof List<?> list) {
            list.forEach(item -> collectExpressions(item, expressions));
        }
    }

    /** A Kubernetes memory quantity (Ki, Mi, Gi, k, M, G or plain bytes) in bytes. */
    static long memoryBytes(String quantity) {
        Matcher matcher = Pattern.compile("(\\d+)(Ki|Mi|Gi|k|M|G)?").matcher(quantity);
        if (!matcher.matches()) {
            throw new AssertionError("memory quantity '" + quantity + "': expected a number with Ki, Mi, Gi, k, M or G");
        }
        long unit = switch (matcher.group(2) == null ? "" : matcher.group(2)) {
            case "Ki" -> 1024L;
            case "Mi" -> 1024L * 1024;
            case "Gi" -> 1024L * 1024 * 1024;
            case "k" -> 1000L;
            case "M" -> 1000L * 1000;
            case "G" -> 1000L * 1000 * 1000;
            default -> 1L;
        };
        return Long.parseLong(matcher.group(1)) * unit;
    }

    /** Reading YAML (and JSON, a subset of it) into plain maps and lists. */
    static final class Yamls {

        private Yamls() {
        }

        static List<Map<String, Object>> all(Path file) {
            try (Reader reader = Files.newBufferedReader(file)) {
                List<Map<String, Object>> documents = new ArrayList<>();
                for (Object document : yaml().loadAll(reader)) {
                    if (document != null) {
                        documents.add(map(document));
                    }
                }
                return documents;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }

        static Map<String, Object> one(Path file) {
            List<Map<String, Object>> documents = all(file);
            if (documents.size() != 1) {
                throw new AssertionError(file + ": expected one YAML document, found " + documents.size());
            }
            return documents.get(0);
        }

        static List<Map<String, Object>> parseAll(String text) {
            List<Map<String, Object>> documents = new ArrayList<>();
            for (Object document : yaml().loadAll(text)) {
                if (document != null) {
                    documents.add(map(document));
                }
            }
            return documents;
        }

        @SuppressWarnings("unchecked")
        static Map<String, Object> map(Object value) {
            if (value == null) {
                return Map.of();
            }
            if (!(value instanceof Map)) {
                throw new AssertionError("expected a mapping, found " + value);
            }
            return (Map<String, Object>) value;
        }

        @SuppressWarnings("unchecked")
        static List<Object> list(Map<String, Object> parent, String key) {
            Object value = parent.get(key);
            return value == null ? List.of() : (List<Object>) value;
        }

        static Map<String, Object> path(Map<String, Object> root, String... keys) {
            Map<String, Object> current = root;
            for (String key : keys) {
                current = map(Objects.requireNonNull(current.get(key), () -> "missing '" + key + "' in " + root.get("kind")));
            }
            return current;
        }

        private static Yaml yaml() {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false); // a key given twice in a manifest is a mistake, not an override
            return new Yaml(new SafeConstructor(options));
        }
    }
}
