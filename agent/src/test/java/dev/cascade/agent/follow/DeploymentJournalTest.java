package dev.cascade.agent.follow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.cascade.contracts.v1.DeploymentNotice;

class DeploymentJournalTest {

    @TempDir
    Path dir;

    @Test
    void keepsWhatIsFollowedAndWhatIsDoneAcrossReopening() throws Exception {
        DeploymentNotice notice = DeploymentJobTest.notice();
        DeploymentJournal journal = DeploymentJournal.open(dir.resolve("deployments"));

        journal.following(notice);
        assertThat(DeploymentJournal.open(dir.resolve("deployments")).following()).containsExactly(notice);
        assertThat(journal.done()).isEmpty();

        journal.done(notice);
        DeploymentJournal reopened = DeploymentJournal.open(dir.resolve("deployments"));
        assertThat(reopened.following()).isEmpty();
        assertThat(reopened.done()).containsExactly(notice);
        try (var files = Files.list(dir.resolve("deployments"))) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .containsExactly(DeploymentJournal.fileName("app-7") + ".done");
        }
    }

    @Test
    void skipsAndNamesAFileThatIsNoNotice() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("deployments"));
        Files.write(folder.resolve("junk.following"), new byte[] {(byte) 0xff, 0x01});
        DeploymentJournal journal = DeploymentJournal.open(folder);

        assertThat(journal.following()).isEmpty();
        assertThat(journal.problems()).singleElement().asString()
                .startsWith(folder.resolve("junk.following") + " is not a deployment notice (");
    }
}
