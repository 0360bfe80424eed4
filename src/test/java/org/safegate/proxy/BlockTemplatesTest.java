package org.safegate.proxy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in templates, and an operator's directory replacing them. */
class BlockTemplatesTest {
    private static final String WHERE = "conf/x.conf:7: safegate.proxy.block-page.templates";

    @TempDir
    Path dir;

    @Test
    void builtInTemplatesUseOnlyTheirWordingsPlaceholders() {
        assertThat(BlockTemplates.problems(BlockPageSettings.of("Op", "", ""))).isEmpty();
        BlockTemplates builtIn = BlockTemplates.load(BlockPageSettings.of("Op", "", ""));
        for (PageLanguage language : PageLanguage.values())
            for (BlockWording wording : BlockWording.values())
                assertThat(builtIn.get(language, wording)).as("%s %s", language, wording).isNotNull();
        assertThat(builtIn.style()).contains("@media");
    }

    @Test
    void anOperatorsDirectoryReplacesTheBuiltIns() throws IOException {
        copyBuiltIns(dir);
        Files.writeString(dir.resolve("kk/policy.html"), "<p lang=\"${lang}\">Мектеп: ${operator}, ${category}</p>", UTF_8);
        BlockTemplates mine = BlockTemplates.load(settings());
        String page = mine.get(PageLanguage.KK, BlockWording.POLICY).render(Map.of("lang", "kk", "operator", "A&B", "category", "games"));
        assertThat(page).isEqualTo("<p lang=\"kk\">Мектеп: A&amp;B, games</p>");
    }

    @Test
    void aMissingFileIsNamedAtTheSettingsLine() throws IOException {
        copyBuiltIns(dir);
        Files.delete(dir.resolve("ru/legal.html"));
        Files.delete(dir.resolve("style.css"));
        assertThat(BlockTemplates.problems(settings())).containsExactly(
                WHERE + ": " + dir.resolve("ru/legal.html") + " is missing (expected: the directory holds "
                        + "en|ru|kk/legal|confidential|policy.html and style.css)",
                WHERE + ": " + dir.resolve("style.css") + " is missing (expected: the directory holds "
                        + "en|ru|kk/legal|confidential|policy.html and style.css)");
        assertThatThrownBy(() -> BlockTemplates.load(settings())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ru/legal.html is missing");
    }

    @Test
    void aConfidentialTemplateCannotNameTheCategory() throws IOException {
        copyBuiltIns(dir);
        Files.writeString(dir.resolve("en/confidential.html"), "<h1>Blocked</h1>\n<p>${category} ${source}</p>\n", UTF_8);
        assertThat(BlockTemplates.problems(settings())).containsExactly(
                dir.resolve("en/confidential.html") + ":2: ${category}: unknown placeholder (expected: one of appeal-url, contact, lang, operator, style)",
                dir.resolve("en/confidential.html") + ":2: ${source}: unknown placeholder (expected: one of appeal-url, contact, lang, operator, style)");
    }

    @Test
    void aDirectoryThatIsNotThereIsOneProblem() {
        Path missing = dir.resolve("nope");
        assertThat(BlockTemplates.problems(settings().withTemplates(missing, WHERE))).containsExactly(
                WHERE + ": " + missing + " is not a directory (expected: a directory holding en|ru|kk/legal|confidential|policy.html and style.css)");
    }

    @Test
    void aTemplateThatIsNotUtf8IsReported() throws IOException {
        copyBuiltIns(dir);
        Files.write(dir.resolve("ru/policy.html"), new byte[] {'<', 'p', '>', (byte) 0xcf, (byte) 0xf0, '<'});
        assertThat(BlockTemplates.problems(settings())).containsExactly(dir.resolve("ru/policy.html") + ": not UTF-8 text (expected: a UTF-8 template)");
    }

    private BlockPageSettings settings() {
        return BlockPageSettings.of("Op", "", "").withTemplates(dir, WHERE);
    }

    /** The built-in set, as an operator starts: a copy of the jar's directory. */
    static void copyBuiltIns(Path to) throws IOException {
        List<String> names = new ArrayList<>(List.of(BlockTemplates.STYLE_FILE));
        for (PageLanguage language : PageLanguage.values())
            for (BlockWording wording : BlockWording.values()) names.add(language.tag() + "/" + wording.fileName());
        for (String name : names) {
            try (InputStream in = BlockTemplates.class.getClassLoader().getResourceAsStream(BlockTemplates.BUILT_IN + name)) {
                Files.createDirectories(to.resolve(name).getParent());
                Files.write(to.resolve(name), in.readAllBytes());
            }
        }
    }
}
