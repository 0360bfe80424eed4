package org.safegate.dns;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.safegate.policy.LocalRecord;
import org.safegate.policy.RuleMeta;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Turns a rule's RPZ local data (type and master-file text, kept as text by the policy) into
 * dnsjava records, owned by a placeholder name that each answer replaces with the queried name.
 * Thread-safe: static and stateless.
 */
final class LocalData {
    private static final Logger log = LoggerFactory.getLogger(LocalData.class);
    static final Name PLACEHOLDER = Name.fromConstantString("local-data.safegate.invalid.");

    private LocalData() {}

    /** The rule's records; empty when one of them does not parse (logged once: the rule's plan is cached). */
    static List<Record> parse(RuleMeta rule, long ttl) {
        List<Record> records = new ArrayList<>();
        for (LocalRecord local : rule.detail().localData()) {
            int type = Type.value(local.type());
            try {
                if (type < 0) throw new IOException("unknown type");
                records.add(Record.fromString(PLACEHOLDER, type, DClass.IN, ttl, local.data(), Name.root));
            } catch (IOException | RuntimeException e) {
                // a confidential source's data is not shown, even in the operator's log
                String reason = rule.source().confidential() ? "(confidential source)" : "\"" + local.data() + "\": " + e.getMessage();
                log.warn("source={} type={} local data does not parse: {}; answering with the source's block answer",
                        rule.source().id(), local.type(), reason);
                return List.of();
            }
        }
        return List.copyOf(records);
    }
}
