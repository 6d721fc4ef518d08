package dev.cascade.testkit.netns;

import java.util.List;

/** How one command ended: its exit code and its output (stdout and stderr together). */
public record CommandResult(List<String> command, int exitCode, String output) {

    public boolean succeeded() {
        return exitCode == 0;
    }
}
