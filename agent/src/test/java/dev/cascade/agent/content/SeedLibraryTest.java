package dev.cascade.agent.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cascade.agent.discovery.PieceBitmap;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeedLibraryTest {

    @TempDir
    Path dir;

    private final TestContent content = TestContent.random("app-7", 5_000, 1_000, 5);

    private SeedLibrary libraryHolding(TestContent published) throws Exception {
        Files.write(dir.resolve(published.manifest().contentId()), published.bytes());
        SeedLibrary library = new SeedLibrary(dir);
        library.add(published.manifest());
        return library;
    }

    @Test
    void servesVerifiedPiecesOfPublishedContents() throws Exception {
        SeedLibrary library = libraryHolding(content);

        assertThat(library.read("app-7", 4)).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(content.piece(4)));
        assertThat(library.read("app-7", 0)).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(content.piece(0)));
        assertThat(library.read("other", 0)).isEmpty();
        assertThat(library.held("app-7")).contains(PieceBitmap.all(5));
        assertThat(library.held("other")).isEmpty();
    }

    @Test
    void refusesToServeAPieceOfATamperedFileAndStopsOfferingIt() throws Exception {
        SeedLibrary library = libraryHolding(content);
        PieceStoreTest.flipByte(dir.resolve("app-7"), 2_345);

        assertThatThrownBy(() -> library.read("app-7", 2))
                .isInstanceOfSatisfying(BadPieceException.class, e -> {
                    assertThat(e.piece()).isEqualTo(2);
                    assertThat(e.expectedSha256()).isEqualTo(Sha256.hex(content.manifest().pieceHash(2)));
                })
                .hasMessageContaining("in library file " + dir.resolve("app-7") + " (changed since it was published; no longer served)");
        assertThat(library.read("app-7", 3)).isPresent();
        assertThat(library.held("app-7")).contains(PieceBitmap.parse(5, "0-1,3-4"));
    }

    @Test
    void refusesAFileOfAnotherSizeAMissingFileAndAnIdThatCannotNameAFile() throws Exception {
        Files.write(dir.resolve("app-7"), new byte[4_999]);
        SeedLibrary library = new SeedLibrary(dir);

        assertThatThrownBy(() -> library.add(content.manifest()))
                .hasMessage("library file " + dir.resolve("app-7") + " has 4999 bytes; content 'app-7' was published with 5000");
        assertThatThrownBy(() -> library.add(TestContent.random("absent", 10, 5, 1).manifest()))
                .hasMessage("content 'absent' is not in the library: no file " + dir.resolve("absent"));
        assertThatThrownBy(() -> library.add(TestContent.random("../etc/passwd", 10, 5, 1).manifest()))
                .hasMessageStartingWith("content id '../etc/passwd' cannot name a file in the library");
        assertThat(library.held("app-7")).isEmpty();
    }
}
