package org.safegate.dns;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.safegate.acl.IpLiteral;
import org.safegate.config.BlockAnswer;
import org.safegate.config.DnsSettings.BlockSettings;
import org.safegate.config.DnsSettings.SteerSettings;
import org.safegate.config.IpEntrySettings;
import org.safegate.config.SourceSettings;
import org.safegate.policy.RuleAnswer;
import org.safegate.policy.RuleMeta;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Builds the answers the policy asks for instead of the real ones.
 *
 * <p><b>Block answers</b>: the rule's own answer (RPZ: NXDOMAIN, NODATA, drop, local data), else
 * its source's configured answer, else the default; ADDRESS gives A and AAAA the block-page
 * address and other types NODATA. All carry the block TTL and an Extended DNS Error naming the
 * source, never the entry ({@link BlockReason}). Negative ones carry a synthetic SOA whose TTL and
 * minimum are the block TTL, so resolvers and stubs cache them that long and no longer (RFC 2308).
 *
 * <p><b>Steer answers</b>: A and AAAA get the proxy's address; HTTPS and SVCB get NODATA, so
 * clients neither try QUIC nor ECH past the proxy; other types are not steered.
 *
 * <p>Thread-safe. Per-rule parts (EDE texts, parsed local data) are built once per rule and held
 * as long as the policy holding the rule lives (weak keys, compared by identity).
 */
final class BlockAnswers {
    private static final Name SOA_HOST = Name.fromConstantString("blocked.safegate.invalid.");
    private static final Name SOA_ADMIN = Name.fromConstantString("hostmaster.safegate.invalid.");

    private final BlockSettings block;
    private final Map<String, BlockAnswer> answerBySource;
    private final Set<String> proxyOnlyAddresses;
    private final InetAddress blockV4;
    private final InetAddress blockV6;
    private final InetAddress steerV4;
    private final InetAddress steerV6;
    private final long blockTtl;
    private final long steerTtl;
    private final Cache<RuleMeta, RulePlan> plans = Caffeine.newBuilder().weakKeys().executor(Runnable::run).build();

    BlockAnswers(BlockSettings block, SteerSettings steer, Map<String, BlockAnswer> answerBySource) {
        this(block, steer, answerBySource, Set.of());
    }

    /** @param proxyOnlyAddresses ids of the sources whose address entries do not block DNS answers */
    BlockAnswers(BlockSettings block, SteerSettings steer, Map<String, BlockAnswer> answerBySource, Set<String> proxyOnlyAddresses) {
        this.block = requireNonNull(block, "block");
        requireNonNull(steer, "steer");
        this.answerBySource = Map.copyOf(answerBySource);
        this.proxyOnlyAddresses = Set.copyOf(proxyOnlyAddresses);
        this.blockV4 = address("block.ipv4", block.ipv4(), Inet4Address.class);
        this.blockV6 = address("block.ipv6", block.ipv6(), Inet6Address.class);
        this.steerV4 = address("steer.ipv4", steer.ipv4(), Inet4Address.class);
        this.steerV6 = address("steer.ipv6", steer.ipv6(), Inet6Address.class);
        this.blockTtl = block.ttl().toSeconds();
        this.steerTtl = steer.ttl().toSeconds();
    }

    /** The per-source overrides of the block answer, from the sources' settings. */
    static Map<String, BlockAnswer> answerBySource(List<SourceSettings> sources) {
        Map<String, BlockAnswer> map = new HashMap<>();
        for (SourceSettings s : sources) s.answer().ifPresent(a -> map.put(s.id(), a));
        return map;
    }

    /** The sources whose address entries are {@code proxy-only}, from the sources' settings. */
    static Set<String> proxyOnlyAddresses(List<SourceSettings> sources) {
        Set<String> ids = new HashSet<>();
        for (SourceSettings s : sources) if (s.ipEntries().use() == IpEntrySettings.Use.PROXY_ONLY) ids.add(s.id());
        return ids;
    }

    /**
     * True when {@code rule}, an address rule that matched an upstream answer, blocks the answer:
     * its source's {@code ip-entries} is {@code answers}. The rule that won the address decides, so
     * a {@code proxy-only} source of higher precedence leaves the answer alone even where a network
     * of lower precedence would block it (the proxy still refuses to connect there).
     */
    boolean blocksAnswers(RuleMeta rule) {
        return !proxyOnlyAddresses.contains(rule.source().id());
    }

    /** The answer to {@code query} blocked by {@code rule} (its own name's, a CNAME target's or an address's). */
    Reply blocked(Query query, RuleMeta rule) {
        RulePlan plan = plans.get(rule, r -> RulePlan.of(r, defaultAnswer(r), block.contact(), blockTtl));
        Message reply = switch (plan.kind()) {
            case DROP -> null;
            case NXDOMAIN -> negative(query, Rcode.NXDOMAIN, blockTtl);
            case NODATA -> negative(query, Rcode.NOERROR, blockTtl);
            case ADDRESS -> address(query, blockV4, blockV6, blockTtl);
            case LOCAL_DATA -> localData(query, plan.localData());
        };
        if (reply == null) return Reply.none(Outcome.BLOCKED);
        return Reply.message(Outcome.BLOCKED, query.withEdns(reply, plan.reason().option(query.structuredErrors())));
    }

    /** True when a steered name's query of {@code type} is answered here rather than upstream. */
    boolean steers(int type) {
        return type == Type.A || type == Type.AAAA || type == Type.HTTPS || type == Type.SVCB;
    }

    Reply steered(Query query) {
        Message reply = query.type() == Type.HTTPS || query.type() == Type.SVCB
                ? negative(query, Rcode.NOERROR, steerTtl)
                : address(query, steerV4, steerV6, steerTtl);
        return Reply.message(Outcome.STEERED, query.withEdns(reply));
    }

    private BlockAnswer defaultAnswer(RuleMeta rule) {
        return answerBySource.getOrDefault(rule.source().id(), block.answer());
    }

    /** A or AAAA with the address given for that family; NODATA for other types or a family without one. */
    private Message address(Query query, InetAddress v4, InetAddress v6, long ttl) {
        Record record = null;
        if (query.type() == Type.A && v4 != null) record = new ARecord(query.name(), DClass.IN, ttl, v4);
        if (query.type() == Type.AAAA && v6 != null) record = new AAAARecord(query.name(), DClass.IN, ttl, v6);
        if (record == null) return negative(query, Rcode.NOERROR, ttl);
        Message reply = query.reply(Rcode.NOERROR);
        reply.addRecord(record, Section.ANSWER);
        return reply;
    }

    /** RPZ local data: the records of the asked type, else a CNAME (it answers every type), else NODATA. */
    private Message localData(Query query, List<Record> records) {
        List<Record> answer = new ArrayList<>();
        for (Record r : records) if (r.getType() == query.type()) answer.add(r.withName(query.name()));
        if (answer.isEmpty()) {
            for (Record r : records) if (r.getType() == Type.CNAME) answer.add(r.withName(query.name()));
        }
        if (answer.isEmpty()) return negative(query, Rcode.NOERROR, blockTtl);
        Message reply = query.reply(Rcode.NOERROR);
        for (Record r : answer) reply.addRecord(r, Section.ANSWER);
        return reply;
    }

    /**
     * NXDOMAIN or NODATA with a SOA owned by the queried name itself: never by the listed entry,
     * which could be an ancestor from a confidential list. Serial = policy version, for operators.
     */
    private Message negative(Query query, int rcode, long ttl) {
        Message reply = query.reply(rcode);
        reply.addRecord(new SOARecord(query.name(), DClass.IN, ttl, SOA_HOST, SOA_ADMIN,
                query.policy().version() & 0xffff_ffffL, 3600, 600, 86400, ttl), Section.AUTHORITY);
        return reply;
    }

    private static InetAddress address(String key, String text, Class<? extends InetAddress> family) {
        if (text.isEmpty()) return null;
        InetAddress address = IpLiteral.parse(text);
        if (!family.isInstance(address))
            throw new IllegalArgumentException(key + ": \"" + text + "\" (expected: an "
                    + (family == Inet4Address.class ? "IPv4" : "IPv6") + " address)");
        return address;
    }

    /** How one rule is answered, worked out once. */
    record RulePlan(Kind kind, List<Record> localData, BlockReason reason) {
        enum Kind { NXDOMAIN, NODATA, ADDRESS, DROP, LOCAL_DATA }

        static RulePlan of(RuleMeta rule, BlockAnswer sourceAnswer, String contact, long ttl) {
            BlockReason reason = BlockReason.of(rule, contact);
            RuleAnswer own = rule.detail().answer();
            List<Record> records = own == RuleAnswer.LOCAL_DATA ? LocalData.parse(rule, ttl) : List.of();
            Kind kind = switch (own) {
                case NXDOMAIN -> Kind.NXDOMAIN;
                case NODATA -> Kind.NODATA;
                case DROP -> Kind.DROP;
                // local data that does not parse falls back to the source's answer (LocalData logs it)
                case LOCAL_DATA -> records.isEmpty() ? kindOf(sourceAnswer) : Kind.LOCAL_DATA;
                case SOURCE_DEFAULT -> kindOf(sourceAnswer);
            };
            return new RulePlan(kind, records, reason);
        }

        private static Kind kindOf(BlockAnswer answer) {
            return switch (answer) {
                case NXDOMAIN -> Kind.NXDOMAIN;
                case NODATA -> Kind.NODATA;
                case ADDRESS -> Kind.ADDRESS;
            };
        }
    }
}
