package org.safegate.feeds;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.safegate.policy.DomainName;
import org.safegate.policy.Effect;
import org.safegate.policy.InvalidNameException;
import org.safegate.policy.LocalRecord;
import org.safegate.policy.RuleAnswer;
import org.safegate.policy.RuleDetail;
import org.safegate.policy.Scope;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Turns the records of a Response Policy Zone into rules. Only QNAME triggers are applied: the
 * owner, relative to the zone's origin, is the query name ({@code name} EXACT, {@code *.name} BELOW).
 *
 * <table>
 *   <caption>Actions (the records at a trigger)</caption>
 *   <tr><th>record</th><th>rule</th></tr>
 *   <tr><td>{@code CNAME .}</td><td>BLOCK, answer NXDOMAIN</td></tr>
 *   <tr><td>{@code CNAME *.}</td><td>BLOCK, answer NODATA</td></tr>
 *   <tr><td>{@code CNAME rpz-drop.}</td><td>BLOCK, answer DROP (no reply)</td></tr>
 *   <tr><td>{@code CNAME rpz-passthru.}</td><td>ALLOW</td></tr>
 *   <tr><td>{@code CNAME rpz-tcp-only.}</td><td>unsupported: we cannot force TCP per rule</td></tr>
 *   <tr><td>any other record (A, AAAA, TXT, a CNAME to another name...)</td><td>local data: one BLOCK
 *       rule per trigger answering with all its records</td></tr>
 * </table>
 *
 * <p>Unsupported, like Unbound's {@code services/rpz.h} lists them: triggers under {@code rpz-ip}
 * (response IP), {@code rpz-nsdname} and {@code rpz-nsip} (the name server's name or address) and
 * {@code rpz-client-ip} (the client's address), since the policy matches query names only; and the
 * trigger {@code *} alone, which would match every name. Records at the apex (SOA, NS) are the
 * zone's own, not rules.
 *
 * <p>Not thread-safe: one per parse.
 */
final class RpzRules {
    private static final Name PASSTHRU = Name.fromConstantString("rpz-passthru.");
    private static final Name DROP = Name.fromConstantString("rpz-drop.");
    private static final Name TCP_ONLY = Name.fromConstantString("rpz-tcp-only.");
    private static final Set<String> UNSUPPORTED_TRIGGERS = Set.of("rpz-ip", "rpz-nsdname", "rpz-nsip", "rpz-client-ip");
    private static final RuleDetail NXDOMAIN = RuleDetail.answer(RuleAnswer.NXDOMAIN);
    private static final RuleDetail NODATA = RuleDetail.answer(RuleAnswer.NODATA);
    private static final RuleDetail NO_ANSWER = RuleDetail.answer(RuleAnswer.DROP);

    private final ReportBuilder report;
    private final Map<Trigger, List<LocalRecord>> localData = new LinkedHashMap<>();

    RpzRules(ReportBuilder report) {
        this.report = report;
    }

    /** Applies one record found at {@code line} of a zone whose origin is {@code zoneOrigin}. */
    void add(Record record, Name zoneOrigin, long line) {
        Name owner = record.getName();
        if (!owner.subdomain(zoneOrigin)) {
            report.ruleLine();
            report.error(line, "owner", owner.toString(), "outside the zone (expected: a name under the SOA owner or $ORIGIN)");
            return;
        }
        int relativeLabels = owner.labels() - zoneOrigin.labels();
        if (relativeLabels == 0) return;
        report.ruleLine();
        String lastLabel = owner.getLabelString(relativeLabels - 1).toLowerCase(Locale.ROOT);
        boolean wild = owner.isWild();
        if (UNSUPPORTED_TRIGGERS.contains(lastLabel) || (wild && relativeLabels == 1)) {
            report.unsupported();
            return;
        }
        String raw = relativeText(owner, wild ? 1 : 0, relativeLabels);
        try {
            apply(record, new Trigger(DomainName.normalize(raw), wild ? Scope.BELOW : Scope.EXACT));
        } catch (InvalidNameException e) {
            report.badName(line, "owner", raw, e);
        }
    }

    /** Adds the local-data rules, each with all its trigger's records; call once, after the last record. */
    void addLocalData() {
        for (Map.Entry<Trigger, List<LocalRecord>> e : localData.entrySet()) {
            report.add(e.getKey().name(), e.getKey().scope(), Effect.BLOCK, RuleDetail.localData(e.getValue()));
        }
        localData.clear();
    }

    private void apply(Record record, Trigger trigger) {
        if (record.getType() == Type.CNAME) {
            Name target = ((CNAMERecord) record).getTarget();
            if (target.equals(TCP_ONLY)) {
                report.unsupported();
                return;
            }
            if (target.equals(PASSTHRU)) {
                report.add(trigger.name(), trigger.scope(), Effect.ALLOW, RuleDetail.NONE);
                return;
            }
            RuleDetail answer = target.equals(Name.root) ? NXDOMAIN
                    : target.labels() == 2 && target.isWild() ? NODATA
                    : target.equals(DROP) ? NO_ANSWER : null;
            if (answer != null) {
                report.add(trigger.name(), trigger.scope(), Effect.BLOCK, answer);
                return;
            }
        }
        localData.computeIfAbsent(trigger, t -> new ArrayList<>(2))
                .add(new LocalRecord(Type.string(record.getType()), record.rdataToString()));
    }

    /**
     * The owner's labels {@code [from, to)} as text for {@code DomainName}: UTF-8 labels decoded (so
     * an IDN owner becomes punycode there), and a label holding odd bytes in dnsjava's escaped form,
     * which {@code DomainName} rejects with the reason.
     */
    private static String relativeText(Name owner, int from, int to) {
        StringBuilder sb = new StringBuilder(64);
        for (int i = from; i < to; i++) {
            if (i > from) sb.append('.');
            byte[] label = owner.getLabel(i);
            int length = label[0];
            boolean ascii = true;
            boolean plain = true;
            for (int k = 1; k <= length; k++) {
                byte b = label[k];
                if (b < 0) ascii = false;
                else if (b == '.' || b <= ' ' || b == '\\' || b == 0x7f) plain = false;
            }
            if (!plain) sb.append(owner.getLabelString(i));
            else sb.append(new String(label, 1, length, ascii ? StandardCharsets.US_ASCII : StandardCharsets.UTF_8));
        }
        return sb.toString();
    }

    private record Trigger(String name, Scope scope) {}
}
