package dev.cascade.cli.connector;

import java.io.PrintWriter;
import java.util.function.LongConsumer;

import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on standard error while a large file is read (hashed or copied), so the admin sees that publishing
 * a multi-gigabyte package is working. {@code auto} shows it for files of {@link #AUTO_THRESHOLD} bytes or more.
 */
final class HashingProgress implements LongConsumer, AutoCloseable {

    enum Mode { AUTO, ALWAYS, NEVER }

    static final long AUTO_THRESHOLD = 64L << 20;

    private final ProgressBar bar;
    private final PrintWriter err;

    private HashingProgress(ProgressBar bar, PrintWriter err) {
        this.bar = bar;
        this.err = err;
    }

    /** A bar named {@code task} for {@code totalBytes}, or one that shows nothing, as {@code mode} says. */
    static HashingProgress of(Mode mode, String task, long totalBytes, PrintWriter err) {
        boolean show = mode == Mode.ALWAYS || mode == Mode.AUTO && totalBytes >= AUTO_THRESHOLD;
        if (!show) {
            return new HashingProgress(null, err);
        }
        ProgressBar bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(totalBytes).setUnit("MiB", 1L << 20)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).showSpeed()
                // a fixed width: the terminal's is unknown when standard error is not a terminal
                .setConsumer(new DelegatingProgressBarConsumer(line -> {
                    err.print('\r');
                    err.print(line);
                    err.flush();
                }, 100))
                .build();
        return new HashingProgress(bar, err);
    }

    @Override
    public void accept(long bytesSoFar) {
        if (bar != null) {
            bar.stepTo(bytesSoFar);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            err.println();
            err.flush();
        }
    }
}
