package dev.cascade.topology.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/** docs/topology-format.md and its example files say what the code does, so the documentation cannot rot. */
class TopologyFormatDocTest {

    private static final String PROBLEMS_MARKER = "<!-- problems of examples/topology-with-errors.csv, checked by TopologyFormatDocTest -->";
    private static final String SERVER_IP = "10.0.0.10";

    private static Path docs() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docs/topology-format.md"))) {
                return dir.resolve("docs");
            }
        }
        throw new IllegalStateException("docs/topology-format.md not found above " + Path.of("").toAbsolutePath());
    }

    private static SheetImport read(String example) throws IOException {
        return new TopologySheetReader(SheetLimits.DEFAULT, SERVER_IP)
                .read(Files.readAllBytes(docs().resolve("examples").resolve(example)), SheetFormat.CSV);
    }

    @Test
    void theExampleSheetReadsAndValidatesCleanly() throws IOException {
        SheetImport result = read("topology-example.csv");

        assertThat(result.problems()).isEmpty();
        assertThat(result.topology().size()).isEqualTo(7);
        assertThat(result.topology().pathToCentral("berlin-wifi")).extracting(OfficeDefinition::id)
                .containsExactly("berlin-wifi", "berlin", "central");
    }

    @Test
    void theExampleSheetIsWhatAnExportWrites() throws IOException {
        SheetImport result = read("topology-example.csv");
        String exported = new String(TopologySheetWriter.toBytes(result.topology(), SheetFormat.CSV), StandardCharsets.UTF_8);
        String example = Files.readString(docs().resolve("examples/topology-example.csv"));

        assertThat(exported.replace("\uFEFF", "").replace("\r\n", "\n")).isEqualTo(example.replace("\r\n", "\n"));
    }

    @Test
    void theDocumentListsExactlyTheProblemsOfTheErrorExample() throws IOException {
        List<String> documented = documentedProblems();

        List<String> actual = read("topology-with-errors.csv").problems().stream().map(TopologyProblem::describe).toList();

        assertThat(actual).isEqualTo(documented);
    }

    @Test
    void theDocumentNamesEveryColumn() throws IOException {
        String doc = Files.readString(docs().resolve("topology-format.md"));

        assertThat(Arrays.stream(SheetColumn.values()).map(column -> "| `" + column.header() + "` |"))
                .allMatch(doc::contains);
    }

    private static List<String> documentedProblems() throws IOException {
        List<String> lines = Files.readAllLines(docs().resolve("topology-format.md"));
        int marker = lines.indexOf(PROBLEMS_MARKER);
        assertThat(marker).as("marker line in docs/topology-format.md").isNotNegative();
        int start = marker + 2; // the marker, then the opening fence
        int end = start;
        while (!lines.get(end).startsWith("```")) {
            end++;
        }
        return lines.subList(start, end);
    }
}
