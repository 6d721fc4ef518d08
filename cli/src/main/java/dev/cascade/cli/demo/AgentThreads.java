package dev.cascade.cli.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.cascade.agent.AgentMain;
import picocli.CommandLine;

/**
 * Agents running in this JVM, one thread each, exactly as {@code cascade-agent.jar} runs them (the same picocli command,
 * options and shutdown: an interrupt stops an agent cleanly). Thirty agent JVMs would cost a 2-core machine a minute of
 * start-up and gigabytes; thirty threads share one JIT. Each agent's output goes to its own log file.
 */
final class AgentThreads implements AutoCloseable {

    private final Map<String, Thread> threads = new ConcurrentHashMap<>();
    private final Map<String, Integer> exitCodes = new ConcurrentHashMap<>();
    private final List<PrintWriter> logs = new ArrayList<>();

    /** Starts {@code name} with {@code args}; its output goes to {@code log}. */
    synchronized void start(String name, List<String> args, Path log) {
        PrintWriter out;
        try {
            Files.createDirectories(log.getParent());
            out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the log of agent " + name + " (" + log + "): " + e.getMessage(), e);
        }
        logs.add(out);
        CommandLine command = AgentMain.commandLine();
        command.setOut(out);
        command.setErr(out);
        Thread thread = new Thread(() -> exitCodes.put(name, command.execute(args.toArray(String[]::new))), "agent-" + name);
        thread.setDaemon(true);
        threads.put(name, thread);
        thread.start();
    }

    /** Agents that stopped on their own (a bad option, a port taken), with their exit codes. */
    Map<String, Integer> exited() {
        return Map.copyOf(exitCodes);
    }

    /** Interrupts every agent and waits for each to close its sockets and journals. */
    @Override
    public synchronized void close() {
        threads.values().forEach(Thread::interrupt);
        for (Thread thread : threads.values()) {
            try {
                thread.join(20_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        threads.clear();
        logs.forEach(PrintWriter::close);
        logs.clear();
    }
}
