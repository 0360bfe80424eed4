package org.safegate.admin;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.safegate.acl.Cidr;
import org.safegate.policy.CanonicalUrl;
import org.safegate.policy.DomainName;
import org.safegate.policy.InvalidNameException;
import org.safegate.policy.InvalidUrlException;
import org.safegate.policy.LegalBasis;
import org.safegate.policy.UrlCanonicalizer;

/**
 * Turns a push body into a {@link PushBatch}, or refuses it whole: every entry is checked, every
 * problem is reported with its field ({@code add.urls[3]}), and a batch with any problem produces
 * nothing, so nothing is ever half-applied. Thread-safe: stateless.
 */
final class PushParser {
    static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    static final int MAX_TEXT = 256;
    static final int MAX_PROBLEMS = 100;

    /** {@code POST /v1/sources/{id}/changes}. */
    record ChangesBody(String idempotencyKey, LegalBasisBody legalBasis, EntriesBody add, EntriesBody remove) {}

    /** {@code PUT /v1/sources/{id}}: the whole content. */
    record ReplaceBody(String idempotencyKey, LegalBasisBody legalBasis, List<String> domains, List<String> urls,
                       List<String> ips) {}

    record LegalBasisBody(String authority, String decision, String date) {}

    record EntriesBody(List<String> domains, List<String> urls, List<String> ips) {}

    private final List<Map<String, String>> problems = new ArrayList<>();

    private PushParser() {}

    static PushBatch changes(String sourceId, String caller, byte[] body) {
        ChangesBody b = JsonCodec.read(body, ChangesBody.class);
        PushParser p = new PushParser();
        String key = p.idempotencyKey(b.idempotencyKey());
        LegalBasis basis = p.legalBasis(b.legalBasis());
        PushBatch.Entries add = p.entries("add", b.add());
        PushBatch.Entries remove = p.entries("remove", b.remove());
        if (add.size() + remove.size() == 0 && p.problems.isEmpty()) p.problem("no entries to add or remove", "add");
        p.contradictions(add, remove);
        p.throwIfAny();
        return new PushBatch(sourceId, PushBatch.Kind.CHANGES, key, basis, caller, add, remove);
    }

    static PushBatch replace(String sourceId, String caller, byte[] body) {
        ReplaceBody b = JsonCodec.read(body, ReplaceBody.class);
        PushParser p = new PushParser();
        String key = p.idempotencyKey(b.idempotencyKey());
        LegalBasis basis = p.legalBasis(b.legalBasis());
        PushBatch.Entries content = p.entries("", new EntriesBody(b.domains(), b.urls(), b.ips()));
        p.throwIfAny();
        return new PushBatch(sourceId, PushBatch.Kind.REPLACE, key, basis, caller, content, PushBatch.Entries.NONE);
    }

    private String idempotencyKey(String key) {
        if (key == null) problem("missing (expected: a key unique to this batch, like order-2026-117)", "idempotencyKey");
        else if (!IDEMPOTENCY_KEY.matcher(key).matches())
            problem("not a valid key (expected: 1 to 128 of A-Z, a-z, 0-9, '.', '_', ':', '-')", "idempotencyKey");
        return key;
    }

    private LegalBasis legalBasis(LegalBasisBody b) {
        if (b == null) {
            problem("missing (expected: {authority, decision, date})", "legalBasis");
            return null;
        }
        String authority = text(b.authority(), "legalBasis.authority", "the ordering authority");
        String decision = text(b.decision(), "legalBasis.decision", "the decision's number");
        LocalDate date = null;
        if (b.date() == null) problem("missing (expected: the decision's date, yyyy-MM-dd)", "legalBasis.date");
        else {
            try {
                date = LocalDate.parse(b.date());
            } catch (DateTimeParseException e) {
                problem("\"" + clip(b.date()) + "\" is not a date (expected: yyyy-MM-dd)", "legalBasis.date");
            }
        }
        return authority == null || decision == null || date == null ? null : new LegalBasis(authority, decision, date);
    }

    private String text(String value, String field, String what) {
        if (value == null || value.isBlank()) problem("missing (expected: " + what + ")", field);
        else if (value.length() > MAX_TEXT || value.chars().anyMatch(Character::isISOControl))
            problem("too long or has control characters (expected: " + what + ", one line, at most " + MAX_TEXT + " characters)", field);
        else return value.strip();
        return null;
    }

    private PushBatch.Entries entries(String prefix, EntriesBody b) {
        if (b == null) return PushBatch.Entries.NONE;
        String at = prefix.isEmpty() ? "" : prefix + ".";
        Set<String> domains = new LinkedHashSet<>();
        Set<CanonicalUrl> urls = new LinkedHashSet<>();
        Set<Cidr> ips = new LinkedHashSet<>();
        each(b.domains(), at + "domains", text -> domains.add(DomainName.normalize(text)));
        each(b.urls(), at + "urls", text -> urls.add(UrlCanonicalizer.canonicalize(text)));
        each(b.ips(), at + "ips", text -> ips.add(Cidr.parseLenient(text)));
        return new PushBatch.Entries(List.copyOf(domains), List.copyOf(urls), List.copyOf(ips));
    }

    private interface EntryParser {
        void parse(String text) throws InvalidNameException, InvalidUrlException;
    }

    private void each(List<String> values, String field, EntryParser parser) {
        if (values == null) return;
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i);
            String at = field + "[" + i + "]";
            if (v == null) {
                problem("null (expected: a string)", at);
                continue;
            }
            try {
                parser.parse(v);
            } catch (InvalidNameException | InvalidUrlException | IllegalArgumentException e) {
                problem("\"" + clip(v) + "\": " + e.getMessage(), at);
            }
        }
    }

    /** An entry both added and removed in one batch says two things at once: refused, not guessed. */
    // sets, not the lists: a batch replacing 10,000 names by 10,000 others took 0.3 s in List.contains
    private void contradictions(PushBatch.Entries add, PushBatch.Entries remove) {
        contradictions(Set.copyOf(add.domains()), remove.domains(), "domains");
        contradictions(Set.copyOf(add.urls()), remove.urls(), "urls");
        contradictions(Set.copyOf(add.ips()), remove.ips(), "ips");
    }

    private void contradictions(Set<?> added, List<?> removed, String kind) {
        for (int i = 0; i < removed.size(); i++)
            if (added.contains(removed.get(i))) problem("also in add." + kind, "remove." + kind + "[" + i + "]");
    }

    private void problem(String error, String field) {
        if (problems.size() < MAX_PROBLEMS) problems.add(Map.of("error", error, "field", field));
    }

    private void throwIfAny() {
        if (problems.isEmpty()) return;
        // 422: well-formed JSON whose entries are not valid; the first problem in error and field, all in problems
        Map<String, String> first = problems.get(0);
        throw new ApiException(422, first.get("error"), first.get("field"), problems);
    }

    private static String clip(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
