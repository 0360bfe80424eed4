package org.safegate.proxy;

import java.util.HashSet;
import java.util.Set;
import org.safegate.policy.Mandate;
import org.safegate.policy.SourceMeta;

/**
 * Which of the three block pages a deciding rule gets, and the placeholders its template may use.
 * The confidential wording gets no value that could tell which list or entry matched: its
 * template cannot even name the category (check-config rejects {@code ${category}} there).
 */
enum BlockWording {
    /** A regulator's or a court's order: names the authority, the decision and its date. */
    LEGAL("legal", Set.of("authority", "decision", "date", "category")),
    /** A confidential list (IWF-style): the generic reason only. */
    CONFIDENTIAL("confidential", Set.of()),
    /** The operator's own policy, or filtering the client chose: names the category. */
    POLICY("policy", Set.of("category"));

    /** What every page may show: the page language, the operator's settings, the style sheet. */
    static final Set<String> COMMON = Set.of("lang", "operator", "contact", "appeal-url", PageTemplate.STYLE);

    private final String file;
    private final Set<String> own;

    BlockWording(String file, Set<String> own) {
        this.file = file;
        this.own = own;
    }

    /** Confidential first: a confidential legal order still shows nothing of its list. */
    static BlockWording of(SourceMeta source) {
        if (source.confidential()) return CONFIDENTIAL;
        return source.mandate() == Mandate.LEGAL_ORDER ? LEGAL : POLICY;
    }

    /** The template's file name inside a language's directory, e.g. {@code legal.html}. */
    String fileName() {
        return file + ".html";
    }

    /** What this wording's template may use: {@link #COMMON} and its own values. */
    Set<String> placeholders() {
        Set<String> all = new HashSet<>(COMMON);
        all.addAll(own);
        return Set.copyOf(all);
    }
}
