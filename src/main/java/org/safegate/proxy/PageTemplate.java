package org.safegate.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One block-page template: text with {@code ${name}} placeholders, nothing more (no conditionals,
 * no loops, no engine). Every value is HTML-escaped when it is put in, so a template author never
 * has to think about escaping and no value (an authority's name from a register, an operator
 * setting) can inject markup. The one exception is {@code ${style}}, the operator's own style
 * sheet file, inserted as it is. A {@code $} not followed by {@code {} is plain text. Immutable.
 */
final class PageTemplate {
    /** The style sheet: an operator's file, not a value, so it is not escaped. */
    static final String STYLE = "style";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}\\n]*)}");

    private final List<String> literals;           // one more than names: text, name, text, ..., text
    private final List<String> names;

    private PageTemplate(List<String> literals, List<String> names) {
        this.literals = List.copyOf(literals);
        this.names = List.copyOf(names);
    }

    /**
     * Parses {@code text}, adding one line per problem to {@code problems}: an unknown placeholder or
     * a {@code ${} that is never closed, as {@code file:line: ${name}: reason (expected: ...)}.
     *
     * @param file    how messages name the template (its path, or its resource name)
     * @param allowed the placeholders this template's wording has values for
     */
    static PageTemplate parse(String file, String text, Set<String> allowed, List<String> problems) {
        List<String> literals = new ArrayList<>();
        List<String> names = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(text);
        int from = 0;
        while (m.find()) {
            String name = m.group(1);
            if (!allowed.contains(name))
                problems.add(file + ":" + line(text, m.start()) + ": ${" + name + "}: unknown placeholder (expected: one of "
                        + String.join(", ", new TreeSet<>(allowed)) + ")");
            literals.add(text.substring(from, m.start()));
            names.add(name);
            from = m.end();
        }
        literals.add(text.substring(from));
        int unclosed = text.indexOf("${", from);
        if (unclosed >= 0)
            problems.add(file + ":" + line(text, unclosed) + ": ${: placeholder is not closed (expected: ${name} on one line)");
        return new PageTemplate(literals, names);
    }

    /** The page for {@code values}: every name this template uses must have a value (parse checked the set). */
    String render(Map<String, String> values) {
        StringBuilder out = new StringBuilder(2048);
        for (int i = 0; i < names.size(); i++) {
            out.append(literals.get(i));
            String name = names.get(i);
            String value = values.get(name);
            if (value == null) throw new IllegalStateException("${" + name + "}: no value (expected: one of " + values.keySet() + ")");
            if (name.equals(STYLE)) out.append(value);
            else escape(value, out);
        }
        return out.append(literals.get(names.size())).toString();
    }

    /** The five characters that matter in HTML text and quoted attributes. */
    static void escape(String text, StringBuilder out) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
    }

    private static int line(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) if (text.charAt(i) == '\n') line++;
        return line;
    }
}
