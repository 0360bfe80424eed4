package org.safegate.feeds;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.safegate.config.ListFormat;
import org.safegate.policy.Mandate;
import org.safegate.policy.Policy;
import org.safegate.policy.SourceMeta;
import org.safegate.policy.SourceRules;
import org.safegate.policy.UrlCanonicalizer;
import org.safegate.policy.UrlList;
import org.safegate.policy.Verdict;

/**
 * The two forms of an IWF-style list: plain URLs, and the hex SHA-256 of each entry's listed form.
 * A list delivered hashed must block exactly what its plain form blocks, and the plain form, once
 * loaded, must keep no URL text (only hashes, and the hosts DNS steers).
 */
class UrlListFormsProperties {
    private static final SourceMeta IWF = new SourceMeta("iwf", "csam", Mandate.LEGAL_ORDER, true, 100);

    /** Hosts, paths and queries from small sets, so requests often hit, miss by a segment, or go below an entry. */
    @Provide
    Arbitrary<String> urls() {
        Arbitrary<String> host = Arbitraries.of("a.test", "b.a.test", "c.test", "10.0.0.1");
        Arbitrary<List<String>> path = Arbitraries.of("x", "y", "xy", "z").list().ofMaxSize(5);
        Arbitrary<String> end = Arbitraries.of("", "/", "?id=1", "?id=2", "/?id=1");
        return Combinators.combine(host, path, end).as((h, p, e) -> "http://" + h + "/" + String.join("/", p) + e);
    }

    @Property(tries = 300)
    void hashedAndPlainFormsGiveTheSameVerdicts(@ForAll("entries") List<String> entries, @ForAll("urls") String request)
            throws Exception {
        Policy plain = compile(ListFormat.URLS, String.join("\n", entries));
        Policy hashed = compile(ListFormat.URL_HASHES, hashedForm(entries));
        var url = UrlCanonicalizer.canonicalize(request);
        assertThat(hashed.checkUrl(url).action()).as(request).isEqualTo(plain.checkUrl(url).action());
    }

    @Provide
    Arbitrary<List<String>> entries() {
        return urls().list().ofMinSize(1).ofMaxSize(6);
    }

    @Example
    void aLoadedPlainListKeepsNoUrlText() throws Exception {
        ParseReport report = parse(ListFormat.URLS, "http://keep.test/qqpathqq/deeper?qqqueryqq=1\n");
        Set<String> seen = texts(report.urls());
        assertThat(seen).noneMatch(t -> t.contains("qqpathqq") || t.contains("qqqueryqq"));
        assertThat(seen).as("the host stays, for DNS steering").anyMatch(t -> t.contains("keep"));
    }

    static String hashedForm(List<String> entries) throws Exception {
        StringBuilder text = new StringBuilder();
        for (String entry : entries) {
            String expression = UrlCanonicalizer.canonicalize(entry).expression();
            text.append(HexFormat.of().formatHex(UrlList.ruleHash(expression))).append('\n');
        }
        return text.toString();
    }

    private static Policy compile(ListFormat format, String text) throws IOException {
        ParseReport report = parse(format, text);
        assertThat(report.errors()).isEmpty();
        return Policy.compile(1, List.of(new SourceRules(IWF, report.domains(), report.urls())), Instant.EPOCH);
    }

    private static ParseReport parse(ListFormat format, String text) throws IOException {
        return ListParsers.of(format).parse("iwf.txt", new ByteArrayInputStream(text.getBytes(UTF_8)), true);
    }

    /** Every string, char and byte array reachable from {@code root} through our own classes: what a heap dump shows. */
    private static Set<String> texts(Object root) throws IllegalAccessException {
        Set<Object> visited = Collections.newSetFromMap(new IdentityHashMap<>());
        Set<String> found = new java.util.HashSet<>();
        walk(root, visited, found);
        return found;
    }

    private static void walk(Object o, Set<Object> visited, Set<String> found) throws IllegalAccessException {
        if (o == null || !visited.add(o)) return;
        if (o instanceof String s) found.add(s);
        else if (o instanceof byte[] b) found.add(new String(b, ISO_8859_1));
        else if (o instanceof char[] c) found.add(new String(c));
        else if (o instanceof Object[] array) for (Object e : array) walk(e, visited, found);
        else if (o instanceof Collection<?> c) for (Object e : c) walk(e, visited, found);
        else if (o.getClass().getName().startsWith("org.safegate.")) {
            for (Class<?> k = o.getClass(); k != null && k.getName().startsWith("org.safegate."); k = k.getSuperclass()) {
                for (Field f : k.getDeclaredFields()) {
                    if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()) continue;
                    f.setAccessible(true);
                    walk(f.get(o), visited, found);
                }
            }
        }
    }
}
