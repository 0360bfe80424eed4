package org.safegate.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PageTemplateTest {
    private final List<String> problems = new ArrayList<>();

    @Test
    void placeholdersAreReplacedByEscapedValues() {
        PageTemplate t = PageTemplate.parse("t.html", "<p title=\"${a}\">${a} costs $5 and ${b}</p>", Set.of("a", "b"), problems);
        assertThat(problems).isEmpty();
        assertThat(t.render(Map.of("a", "<b>\"Tom\" & 'Jerry'</b>", "b", "")))
                .isEqualTo("<p title=\"&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt;\">"
                        + "&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt; costs $5 and </p>");
    }

    @Test
    void aValueThatLooksLikeAPlaceholderStaysText() {
        PageTemplate t = PageTemplate.parse("t.html", "${a}|${b}", Set.of("a", "b"), problems);
        assertThat(t.render(Map.of("a", "${b}", "b", "x"))).isEqualTo("${b}|x");
    }

    @Test
    void theStyleSheetIsInsertedAsItIs() {
        PageTemplate t = PageTemplate.parse("t.html", "<style>${style}</style>", Set.of("style"), problems);
        assertThat(t.render(Map.of("style", "a > b { font-family: \"X\"; }"))).isEqualTo("<style>a > b { font-family: \"X\"; }</style>");
    }

    @Test
    void unknownPlaceholdersAreReportedWithFileAndLine() {
        PageTemplate.parse("ru/confidential.html", "<p>\n${operator}\n<b>${category}</b> ${Operator}", Set.of("operator"), problems);
        assertThat(problems).containsExactly(
                "ru/confidential.html:3: ${category}: unknown placeholder (expected: one of operator)",
                "ru/confidential.html:3: ${Operator}: unknown placeholder (expected: one of operator)");
    }

    @Test
    void anUnclosedPlaceholderIsReported() {
        PageTemplate.parse("t.html", "a\nb ${operator\n}", Set.of("operator"), problems);
        assertThat(problems).containsExactly("t.html:2: ${: placeholder is not closed (expected: ${name} on one line)");
    }

    @Test
    void renderingWithoutAValueIsABug() {
        PageTemplate t = PageTemplate.parse("t.html", "${a}", Set.of("a"), problems);
        assertThatThrownBy(() -> t.render(Map.of())).isInstanceOf(IllegalStateException.class).hasMessageContaining("${a}");
    }
}
