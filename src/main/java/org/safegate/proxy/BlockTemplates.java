package org.safegate.proxy;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The block-page templates in force: one per language and wording ({@code en/legal.html},
 * {@code ru/confidential.html}, ...) and one style sheet ({@code style.css}), built in
 * ({@code org/safegate/proxy/blockpage/} in the jar) or from the operator's directory, which must
 * then hold the whole set: a partial copy would give one language the operator's look and wording
 * and another the built-in one. Read once, at start-up or by check-config, never on an event loop.
 * Immutable.
 */
public final class BlockTemplates {
    static final String BUILT_IN = "org/safegate/proxy/blockpage/";
    static final String STYLE_FILE = "style.css";
    private static final String LAYOUT = "en|ru|kk/legal|confidential|policy.html and style.css";

    private final PageTemplate[] templates = new PageTemplate[PageLanguage.values().length * BlockWording.values().length];
    private final String style;

    private BlockTemplates(Source source, List<String> problems) {
        for (PageLanguage language : PageLanguage.values())
            for (BlockWording wording : BlockWording.values()) {
                String name = language.tag() + "/" + wording.fileName();
                String text = source.read(name, problems);
                if (text != null) templates[index(language, wording)] = PageTemplate.parse(source.describe(name), text,
                        wording.placeholders(), problems);
            }
        String css = source.read(STYLE_FILE, problems);
        style = css == null ? "" : css;
    }

    /**
     * Every problem with the templates {@code settings} names, one line each
     * ({@code file:line: ${name}: reason}, or {@code conf:line: key: file is missing}); empty when
     * they are fine. What check-config prints.
     */
    public static List<String> problems(BlockPageSettings settings) {
        List<String> problems = new ArrayList<>();
        read(settings, problems);
        return List.copyOf(problems);
    }

    /** @throws IllegalArgumentException listing every problem, one a line */
    static BlockTemplates load(BlockPageSettings settings) {
        List<String> problems = new ArrayList<>();
        BlockTemplates loaded = read(settings, problems);
        if (!problems.isEmpty()) throw new IllegalArgumentException("block page templates:\n" + String.join("\n", problems));
        return loaded;
    }

    private static BlockTemplates read(BlockPageSettings settings, List<String> problems) {
        if (settings.templates().isEmpty()) return new BlockTemplates(new BuiltIn(), problems);
        Path dir = settings.templates().get();
        if (!Files.isDirectory(dir)) {
            problems.add(settings.templatesWhere() + ": " + dir + " is not a directory (expected: a directory holding " + LAYOUT + ")");
            return null;
        }
        return new BlockTemplates(new Directory(dir, settings.templatesWhere()), problems);
    }

    PageTemplate get(PageLanguage language, BlockWording wording) {
        return templates[index(language, wording)];
    }

    /** The style sheet's text, for {@code ${style}}. */
    String style() {
        return style;
    }

    private static int index(PageLanguage language, BlockWording wording) {
        return language.ordinal() * BlockWording.values().length + wording.ordinal();
    }

    /** Where template files come from. */
    private interface Source {
        /** The file's text, or null after adding a problem. */
        String read(String name, List<String> problems);

        /** How messages name the file. */
        String describe(String name);
    }

    private record BuiltIn() implements Source {
        @Override
        public String read(String name, List<String> problems) {
            try (InputStream in = BlockTemplates.class.getClassLoader().getResourceAsStream(BUILT_IN + name)) {
                if (in == null) throw new IllegalStateException(describe(name) + ": missing from the jar (expected: a built-in template)");
                return decode(in.readAllBytes());
            } catch (IOException e) {
                throw new IllegalStateException(describe(name) + ": cannot read the built-in template", e);
            }
        }

        @Override
        public String describe(String name) {
            return BUILT_IN + name;
        }
    }

    private record Directory(Path dir, String where) implements Source {
        @Override
        public String read(String name, List<String> problems) {
            Path file = dir.resolve(name);
            try {
                return decode(Files.readAllBytes(file));
            } catch (NoSuchFileException e) {
                problems.add(where + ": " + file + " is missing (expected: the directory holds " + LAYOUT + ")");
            } catch (CharacterCodingException e) {
                problems.add(file + ": not UTF-8 text (expected: a UTF-8 template)");
            } catch (IOException e) {
                problems.add(file + ": cannot be read: " + e.getMessage());
            }
            return null;
        }

        @Override
        public String describe(String name) {
            return dir.resolve(name).toString();
        }
    }

    private static String decode(byte[] bytes) throws CharacterCodingException {
        return UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes)).toString();
    }
}
