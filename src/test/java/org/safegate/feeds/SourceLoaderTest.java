package org.safegate.feeds;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safegate.config.SourceSettings;

class SourceLoaderTest {
    @TempDir
    Path dir;
    private ReloadFixture world;
    private SourceLoader loader;

    @BeforeEach
    void setUp() {
        world = new ReloadFixture(dir);
        loader = new SourceLoader(SourceLineParser.parsers(), world.metrics);
    }

    @AfterEach
    void tearDown() {
        world.close();
    }

    private static String[] names(int good, int bad) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < good; i++) lines.add("n" + i + ".example");
        for (int i = 0; i < bad; i++) lines.add("bad name " + i);
        return lines.toArray(String[]::new);
    }

    @Test
    void badLinesUnderTheLimitLeaveTheGoodOnesInUse() throws IOException {
        SourceSettings source = world.source("ads", names(199, 1));

        LoadResult result = loader.load(source);

        assertThat(result).isInstanceOf(LoadResult.Accepted.class);
        assertThat(((LoadResult.Accepted) result).domains().size()).isEqualTo(199);
        assertThat(result.errorCount()).isEqualTo(1);
    }

    @Test
    void badLinesAboveTheLimitRejectTheWholeVersionNamingRatioAndLimit() throws IOException {
        SourceSettings source = world.source("ads", names(197, 3));

        LoadResult result = loader.load(source);

        assertThat(result).isInstanceOf(LoadResult.Rejected.class);
        LoadResult.Rejected rejected = (LoadResult.Rejected) result;
        assertThat(rejected.reason()).isEqualTo(LoadResult.Rejected.Reason.TOO_MANY_ERRORS);
        assertThat(rejected.message()).isEqualTo(
                source.path() + ": 3 bad lines of 200 rule lines (1.50%, expected: at most 1.00%)");
    }

    @Test
    void missingFileIsRejectedAsUnreadable() {
        SourceSettings source = ReloadFixture.settings("ads", dir.resolve("absent.txt"), false, 0.01);

        LoadResult result = loader.load(source);

        assertThat(result).isInstanceOf(LoadResult.Rejected.class);
        assertThat(((LoadResult.Rejected) result).reason()).isEqualTo(LoadResult.Rejected.Reason.UNREADABLE);
        assertThat(((LoadResult.Rejected) result).message()).isEqualTo(dir.resolve("absent.txt") + ": cannot read: no such file");
    }

    @Test
    void fileNamedGzIsGunzipped() throws IOException {
        Path file = dir.resolve("ads.txt.gz");
        Files.write(file, gzip("a.example\nb.example\n"));

        LoadResult result = loader.load(ReloadFixture.settings("ads", file, false, 0.01));

        assertThat(result).isInstanceOf(LoadResult.Accepted.class);
        assertThat(((LoadResult.Accepted) result).domains().size()).isEqualTo(2);
    }

    @Test
    void truncatedGzipIsRejectedNotHalfRead() throws IOException {
        Path file = dir.resolve("ads.txt.gz");
        byte[] whole = gzip(String.join("\n", names(5000, 0)));
        Files.write(file, Arrays.copyOf(whole, whole.length / 2));

        LoadResult result = loader.load(ReloadFixture.settings("ads", file, false, 0.01));

        assertThat(result).isInstanceOf(LoadResult.Rejected.class);
        assertThat(((LoadResult.Rejected) result).reason()).isEqualTo(LoadResult.Rejected.Reason.UNREADABLE);
    }

    @Test
    void logsTheFirstBadLinesWithFileAndLineThenTheTotal() throws IOException {
        SourceSettings source = world.add(ReloadFixture.settings("ads", dir.resolve("ads.txt"), false, 1.0), names(0, 100));

        loader.load(source);

        List<String> warnings = world.logLines(Level.WARN);
        assertThat(warnings).hasSize(SourceLoader.LOGGED_ERRORS + 1);
        assertThat(warnings.get(0)).isEqualTo("WARN source=ads bad line: " + source.path() + ":1: name: \"bad name 0\": "
                + "character U+0020 at offset 3 (expected: letters, digits, '-', '_' or '.')");
        assertThat(warnings.get(SourceLoader.LOGGED_ERRORS)).contains("source=ads", "bad_lines=100", "logged=20");
    }

    @Test
    void badAndUnsupportedLinesAreCountedAtEveryAttempt() throws IOException {
        SourceSettings source = world.add(ReloadFixture.settings("ads", dir.resolve("ads.txt"), false, 1.0),
                "a.example", "bad name", "!cosmetic##rule", "!another");

        loader.load(source);
        loader.load(source);

        assertThat(world.metric("safegate_source_parse_errors_total", "source=ads")).isEqualTo(2);
        assertThat(world.metric("safegate_source_unsupported_lines_total", "source=ads")).isEqualTo(4);
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(UTF_8));
        }
        return bytes.toByteArray();
    }
}
