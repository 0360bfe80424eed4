package org.safegate.admin;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.safegate.config.AdminSettings.Role;
import org.safegate.policy.LookupTarget;
import org.safegate.policy.Policy;
import org.safegate.policy.RuleMeta;
import org.safegate.policy.SourceMeta;
import org.safegate.policy.Verdict;

/**
 * The JSON answer of {@code GET /v1/lookup}: the verdict and, when the caller may see the deciding
 * source, its rule. What a caller sees:
 * <ul>
 *   <li>operator and auditor: every source's rule, a confidential one's included (they answer for
 *       the node; the matched entry of a confidential URL list is still unknown to the policy itself);</li>
 *   <li>regulator: the rule of a source it is granted; for any other source only the verdict and
 *       a generic reason, so one regulator cannot read another's (maybe confidential) list.</li>
 * </ul>
 * {@code since} says since when the deciding rule holds, for a caller who may see it (else null,
 * as when no rule decided): exactly for a pushed entry (its batch's time and sequence), else when
 * the source's version in force was applied, else when the policy in force was compiled; the last
 * two with {@code exact = false}, as the entry may be older.
 */
final class LookupView {
    static final String HIDDEN = "decided by a source this token may not see";

    private LookupView() {}

    static Map<String, Object> of(LookupTarget target, Verdict verdict, Policy policy, Caller caller, NodeControl node) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("query", target.given());
        out.put("kind", target.isUrl() ? "url" : "name");
        out.put("canonical", target.canonical());
        if (target.isUrl()) out.put("checked", target.probedExpressions());
        out.put("verdict", verdict.action().name().toLowerCase(Locale.ROOT));
        RuleMeta rule = verdict.rule();
        boolean visible = rule == null || maySee(caller, rule.source());
        out.put("reason", visible ? verdict.describe() : HIDDEN);
        out.put("rule", rule == null || !visible ? null : rule(verdict, rule));
        out.put("policy", Map.of("version", policy.version(), "hash", policy.contentHash()));
        out.put("since", rule == null || !visible ? null : since(node.since(verdict)
                .orElse(new NodeControl.Since(policy.compiledAt(), false, 0))));
        return out;
    }

    private static Map<String, Object> since(NodeControl.Since since) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("time", since.time().toString());
        out.put("exact", since.exact());
        if (since.batch() > 0) out.put("batch", since.batch());
        return out;
    }

    private static boolean maySee(Caller caller, SourceMeta source) {
        return caller.role() != Role.REGULATOR || caller.sources().contains(source.id());
    }

    private static Map<String, Object> rule(Verdict verdict, RuleMeta rule) {
        SourceMeta source = rule.source();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("source", source.id());
        out.put("category", source.category());
        out.put("mandate", source.mandate().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        out.put("confidential", source.confidential());
        // "" for a confidential URL rule: the policy keeps only its hash
        out.put("entry", verdict.matchedName());
        out.put("urlEntry", verdict.matchedUrlEntry());
        out.put("coversBelow", verdict.matchedByAncestor());
        out.put("legalBasis", rule.detail().legalBasis().map(b -> {
            Map<String, Object> basis = new LinkedHashMap<>();
            basis.put("authority", b.authority());
            basis.put("decision", b.decisionNumber());
            basis.put("date", b.date().map(Object::toString).orElse(null));
            return basis;
        }).orElse(null));
        return out;
    }
}
