package dev.cascade.agent.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cascade.contracts.v1.DeploymentPolicy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstallActionTest {

    @TempDir
    Path dir;

    @Test
    void substitutesFileAndContentAsWholeArgumentsWithoutAShell() throws Exception {
        Path file = Files.writeString(dir.resolve("my app; rm -rf $HOME.msi"), "x");
        InstallAction action = InstallAction.parse("printf '[%s] [%s] [%s]' {file} \"id={content}\" '{file}'",
                Duration.ofSeconds(10));

        assertThat(action.commandFor(file, "app-7")).containsExactly("printf", "[%s] [%s] [%s]", file.toString(),
                "id=app-7", file.toString());
        InstallAction.Outcome outcome = action.run(file, "app-7");

        assertThat(outcome.succeeded()).isTrue();
        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.output()).isEqualTo("[" + file + "] [id=app-7] [" + file + "]");
        assertThat(file).exists();
    }

    @Test
    void capturesTheExitCodeAndTheOutputsTail() throws Exception {
        InstallAction action = InstallAction.parse("sh -c 'head -c 5000 /dev/zero | tr \"\\0\" a; echo failed >&2; exit 3'",
                Duration.ofSeconds(10));

        InstallAction.Outcome outcome = action.run(dir.resolve("f"), "app");

        assertThat(outcome.exitCode()).isEqualTo(3);
        assertThat(outcome.timedOut()).isFalse();
        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.output()).hasSize(1024).endsWith("aaafailed\n");
    }

    @Test
    void killsACommandThatOutlivesItsTimeout() throws Exception {
        InstallAction action = InstallAction.parse("sh -c 'echo started; sleep 60'", Duration.ofMillis(500));

        InstallAction.Outcome outcome = action.run(dir.resolve("f"), "app");

        assertThat(outcome.timedOut()).isTrue();
        assertThat(outcome.exitCode()).isEqualTo(-1);
        assertThat(outcome.output()).startsWith("started");
        assertThat(outcome.took()).isLessThan(Duration.ofSeconds(30));
        assertThat(ProcessHandle.current().descendants().filter(p -> p.info().command().orElse("").endsWith("sleep")))
                .as("its children are killed too").isEmpty();
    }

    @Test
    void refusesATemplateItCannotRunAsWritten() {
        assertThatThrownBy(() -> InstallAction.parse("msiexec /i {path} /qn", Duration.ofMinutes(1)))
                .hasMessage("--install-command 'msiexec /i {path} /qn' has the placeholder {path}; expected {file} or {content}");
        assertThatThrownBy(() -> InstallAction.parse("msiexec /i \"{file} /qn", Duration.ofMinutes(1)))
                .hasMessage("--install-command 'msiexec /i \"{file} /qn' has an unclosed \"");
        assertThatThrownBy(() -> InstallAction.parse("  ", Duration.ofMinutes(1)))
                .hasMessageStartingWith("--install-command is empty");
        assertThatThrownBy(() -> InstallAction.parse("true", Duration.ZERO))
                .hasMessage("the install timeout PT0S must be positive");
        assertThatThrownBy(() -> InstallAction.parse("/no/such/installer {file}", Duration.ofMinutes(1))
                .run(dir.resolve("f"), "app")).hasMessageStartingWith("cannot start the install command [/no/such/installer, ");
    }

    @Test
    void runsOnlyWhenTheDeploymentInstalls() {
        assertThat(InstallAction.wanted(DeploymentPolicy.newBuilder().setPreCacheOnly(true).build())).isFalse();
        assertThat(InstallAction.wanted(DeploymentPolicy.newBuilder().setPreCacheOnly(false).build())).isTrue();
    }
}
