package dev.cascade.agent.content;

import dev.cascade.contracts.v1.DeploymentPolicy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Installs a verified content by running the configured command ({@code --install-command}, e.g.
 * {@code msiexec /i {file} /qn}), with {@code {file}} replaced by the content's file and
 * {@code {content}} by its id. The template is split into arguments here, never by a shell: quotes
 * ({@code "..."} or {@code '...'}) group words, and a substituted path stays one argument whatever it
 * contains. The command runs with a timeout; its exit code and the tail of its output go to the report.
 * A pre-cache-only deployment keeps the content and runs nothing ({@link #wanted}).
 */
public final class InstallAction {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
    private static final int OUTPUT_TAIL = 1024; // TRANSFER_REPORT's failure_detail limit

    private final List<String> template;
    private final Duration timeout;

    private InstallAction(List<String> template, Duration timeout) {
        this.template = template;
        this.timeout = timeout;
    }

    /**
     * Reads a command template.
     *
     * @throws IllegalArgumentException naming the template when it is empty, has an unclosed quote or a placeholder
     *                                  other than {@code {file}} and {@code {content}}, or the timeout is not positive
     */
    public static InstallAction parse(String template, Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the install timeout " + timeout + " must be positive");
        }
        List<String> words = split(template);
        if (words.isEmpty()) {
            throw new IllegalArgumentException("--install-command is empty; expected a command such as msiexec /i {file} /qn");
        }
        for (String word : words) {
            Matcher m = PLACEHOLDER.matcher(word);
            while (m.find()) {
                if (!m.group(1).equals("file") && !m.group(1).equals("content")) {
                    throw new IllegalArgumentException("--install-command '" + template + "' has the placeholder {"
                            + m.group(1) + "}; expected {file} or {content}");
                }
            }
        }
        return new InstallAction(List.copyOf(words), timeout);
    }

    /** Whether a deployment asks for installation (not only pre-caching). */
    public static boolean wanted(DeploymentPolicy policy) {
        return !policy.getPreCacheOnly();
    }

    /** The arguments run for {@code file} of content {@code contentId}. */
    public List<String> commandFor(Path file, String contentId) {
        List<String> command = new ArrayList<>();
        for (String word : template) {
            command.add(word.replace("{file}", file.toString()).replace("{content}", contentId));
        }
        return command;
    }

    /**
     * Runs the command and waits for it, at most the timeout (then it and its children are killed).
     *
     * @throws UncheckedIOException when the command cannot be started (e.g. no such program)
     */
    public Outcome run(Path file, String contentId) throws InterruptedException {
        List<String> command = commandFor(file, contentId);
        long started = System.nanoTime();
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the install command " + command + ": " + e.getMessage(), e);
        }
        OutputTail tail = new OutputTail(process.getInputStream());
        Thread reader = new Thread(tail, "install-output-" + contentId);
        reader.setDaemon(true);
        reader.start();
        boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly); // an installer's children hold the output open
            process.destroyForcibly();
            process.waitFor();
        }
        reader.join(2_000);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        return new Outcome(command, finished ? process.exitValue() : -1, !finished, took, tail.text());
    }

    /**
     * How an installation went.
     *
     * @param exitCode the command's exit code; -1 when it timed out and was killed
     * @param output   the last 1 024 characters of its standard output and error
     */
    public record Outcome(List<String> command, int exitCode, boolean timedOut, Duration took, String output) {

        /** Exit code 0 within the timeout. */
        public boolean succeeded() {
            return !timedOut && exitCode == 0;
        }
    }

    private static List<String> split(String template) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("--install-command '" + template + "' has an unclosed " + quote);
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    /** Keeps the last bytes of a process's output, however much it writes. */
    private static final class OutputTail implements Runnable {
        private final InputStream in;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();

        OutputTail(InputStream in) {
            this.in = in;
        }

        @Override
        public void run() {
            byte[] buffer = new byte[8192];
            try (in) {
                for (int read; (read = in.read(buffer)) >= 0; ) {
                    synchronized (kept) {
                        kept.write(buffer, 0, read);
                        if (kept.size() > 4 * OUTPUT_TAIL) {
                            byte[] all = kept.toByteArray();
                            kept.reset();
                            kept.write(all, all.length - OUTPUT_TAIL, OUTPUT_TAIL);
                        }
                    }
                }
            } catch (IOException e) {
                synchronized (kept) { // the process was killed and its pipe closed: say so after what was read
                    kept.writeBytes(("\n[output cut off: " + e.getMessage() + "]").getBytes(Charset.defaultCharset()));
                }
            }
        }

        String text() {
            synchronized (kept) {
                String all = kept.toString(Charset.defaultCharset());
                return all.length() <= OUTPUT_TAIL ? all : all.substring(all.length() - OUTPUT_TAIL);
            }
        }
    }
}
