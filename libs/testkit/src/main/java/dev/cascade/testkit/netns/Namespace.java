package dev.cascade.testkit.netns;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One network namespace of a {@link NamespaceLab}: runs commands and starts processes inside it
 * ({@code ip netns exec}). A namespace starts with only its loopback interface, up;
 * {@link NamespaceLab#connect} gives it interfaces on segments.
 */
public final class Namespace {

    /** Fewer JIT tiers and the serial collector: child JVMs here are short-lived and the machine is small. */
    private static final List<String> CHILD_JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-Xshare:auto");

    private final NamespaceLab lab;
    private final String name;
    private final String shortName;
    private int interfaces;

    Namespace(NamespaceLab lab, String name, String shortName) {
        this.lab = lab;
        this.name = name;
        this.shortName = shortName;
    }

    /** The namespace's name as {@code ip netns} knows it ({@code <lab prefix>-<short name>}). */
    public String name() {
        return name;
    }

    /** The name the test gave it. */
    public String shortName() {
        return shortName;
    }

    /** Runs {@code command} inside the namespace; throws naming the command and its output when it fails. */
    public String exec(String... command) {
        return CommandRunner.runOrThrow(inside(List.of(command)));
    }

    /** Runs {@code command} inside the namespace; a failure is a value. */
    public CommandResult tryExec(String... command) {
        return CommandRunner.run(inside(List.of(command)));
    }

    /** Runs {@code ip <args>} on this namespace ({@code ip -n}), e.g. {@code ip("route", "add", "default", "via", gw)}. */
    public String ip(String... args) {
        List<String> command = new ArrayList<>(List.of(lab.ip(), "-n", name));
        command.addAll(List.of(args));
        return CommandRunner.runOrThrow(command);
    }

    /**
     * Starts {@code command} inside the namespace. The lab kills it on close; closing it earlier is fine.
     *
     * @param label what to call it in messages, e.g. "holder-1"
     */
    public NamespaceProcess start(String label, List<String> command) {
        try {
            Process process = new ProcessBuilder(inside(command)).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            return lab.track(new NamespaceProcess(label + " in " + shortName, process));
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + label + " in namespace " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Starts {@code mainClass} in a child JVM inside the namespace, on this JVM's class path (in a test:
     * the test class path, so a small main class in test sources will do).
     */
    public NamespaceProcess startJava(String label, String mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(CHILD_JVM_OPTIONS);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(args);
        return start(label, command);
    }

    String nextInterface() {
        return "eth" + interfaces++;
    }

    private List<String> inside(List<String> command) {
        List<String> full = new ArrayList<>(List.of(lab.ip(), "netns", "exec", name));
        full.addAll(command);
        return full;
    }

    @Override
    public String toString() {
        return name;
    }
}
