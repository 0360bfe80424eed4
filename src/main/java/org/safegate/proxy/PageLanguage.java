package org.safegate.proxy;

import java.util.Locale;

/**
 * The languages block pages come in, and the choice among them by {@code Accept-Language}
 * (RFC 9110 12.5.4): the supported language with the highest q-value wins, the earlier one on a
 * tie; a range matches by its primary subtag ({@code ru-RU} is {@code ru}); {@code q=0} rules a
 * language out; {@code *} stands for the default. Nothing acceptable, or no header: English.
 */
enum PageLanguage {
    EN, RU, KK;

    /** What the first choice falls back to, and what {@code *} means. */
    static final PageLanguage DEFAULT = EN;

    /** The BCP 47 tag: {@code en}, {@code ru}, {@code kk}. */
    String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @param header the request's Accept-Language value, or null when it had none */
    static PageLanguage negotiate(String header) {
        if (header == null) return DEFAULT;
        PageLanguage best = DEFAULT;
        double bestQ = 0;
        boolean[] excluded = new boolean[values().length];
        for (String range : header.split(",", 64)) {
            int semi = range.indexOf(';');
            String tag = (semi < 0 ? range : range.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
            double q = semi < 0 ? 1 : quality(range.substring(semi + 1));
            PageLanguage language = of(tag);
            if (language == null || q < 0) continue;
            if (q == 0) excluded[language.ordinal()] = true;
            else if (q > bestQ && !excluded[language.ordinal()]) {
                best = language;
                bestQ = q;
            }
        }
        return excluded[best.ordinal()] ? firstNotExcluded(excluded) : best;
    }

    private static PageLanguage of(String tag) {
        if (tag.equals("*")) return DEFAULT;
        int dash = tag.indexOf('-');
        String primary = dash < 0 ? tag : tag.substring(0, dash);
        for (PageLanguage l : values()) if (l.tag().equals(primary)) return l;
        return null;
    }

    /** The q parameter among a range's parameters; 1 when absent, -1 when unreadable (the range is ignored). */
    private static double quality(String parameters) {
        for (String p : parameters.split(";", 8)) {
            String t = p.trim();
            if (!t.startsWith("q=") && !t.startsWith("Q=")) continue;
            try {
                double q = Double.parseDouble(t.substring(2).trim());
                return q >= 0 && q <= 1 ? q : -1;
            } catch (NumberFormatException e) {
                return -1;                             // a malformed weight says nothing we can trust
            }
        }
        return 1;
    }

    // Every language ruled out by q=0 still needs a page: the default, unless it was ruled out too.
    private static PageLanguage firstNotExcluded(boolean[] excluded) {
        for (PageLanguage l : values()) if (!excluded[l.ordinal()]) return l;
        return DEFAULT;
    }
}
