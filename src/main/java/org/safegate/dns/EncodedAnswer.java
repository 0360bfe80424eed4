package org.safegate.dns;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import org.safegate.policy.Effect;
import org.safegate.policy.Policy;
import org.safegate.policy.RuleMeta;
import org.safegate.policy.Verdict;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DNAMERecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;

/**
 * An upstream answer encoded once, then rendered for each client that asks the same question,
 * without dnsjava: copy the bytes, patch id, flags and the question's spelling, count every TTL
 * down by the seconds since it was stored, append our OPT record. dnsjava takes over only when the
 * result exceeds the client's size limit and must be truncated.
 *
 * <p>The stored form: id 0, QR and RA set, RD and CD clear (the client's are copied in), the
 * question in lower case, the upstream's answer, authority and additional records, no OPT (EDNS is
 * per hop: ours is added per client), every TTL capped at the cache's maximum.
 *
 * <p>Immutable; {@link #render} may run on any thread at once.
 */
final class EncodedAnswer {
    private static final int HEADER_LENGTH = 12;
    private static final int OPT_LENGTH = 11;       // root name, type, class, ttl, rdlength
    private static final int RD = 0x01;             // in flags byte 2
    private static final int AD = 0x20;             // in flags byte 3
    private static final int CD = 0x10;             // in flags byte 3
    private static final int DO = 0x80;             // in the OPT TTL's third byte
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final String[] NO_NAMES = {};
    private static final int TYPE_A = 1;
    private static final int TYPE_AAAA = 28;

    private final byte[] wire;
    private final int questionNameLength;
    private final int[] ttlOffsets;
    private final int[] ttls;
    private final String[] chain;
    private final int[] addressOffsets;     // of each A/AAAA record's data in the answer section; its length just before
    private final long storedAtNanos;
    private final int rcode;
    private final boolean negative;
    private final long minTtl;
    private final long negativeTtl;

    private EncodedAnswer(byte[] wire, int questionNameLength, int[] ttlOffsets, int[] ttls, String[] chain,
                          int[] addressOffsets, long storedAtNanos, int rcode, boolean negative, long minTtl, long negativeTtl) {
        this.wire = wire;
        this.questionNameLength = questionNameLength;
        this.ttlOffsets = ttlOffsets;
        this.ttls = ttls;
        this.chain = chain;
        this.addressOffsets = addressOffsets;
        this.storedAtNanos = storedAtNanos;
        this.rcode = rcode;
        this.negative = negative;
        this.minTtl = minTtl;
        this.negativeTtl = negativeTtl;
    }

    /**
     * Encodes {@code answer}, the upstream's reply to {@code query}'s question.
     *
     * @param maxTtlSeconds every record TTL is capped at this, so no client keeps it longer than we would
     */
    static EncodedAnswer encode(Message answer, Query query, long maxTtlSeconds, long nowNanos) {
        Message canonical = new Message(0);
        canonical.getHeader().setFlag(Flags.QR);
        canonical.getHeader().setFlag(Flags.RA);
        if (answer.getHeader().getFlag(Flags.AD)) canonical.getHeader().setFlag(Flags.AD);
        if (answer.getHeader().getFlag(Flags.TC)) canonical.getHeader().setFlag(Flags.TC);
        int rcode = answer.getRcode();
        canonical.getHeader().setRcode(rcode > 0xf ? Rcode.SERVFAIL : rcode);   // extended rcodes are per hop
        canonical.addRecord(Record.newRecord(query.name().canonicalize(), query.type(), query.dclass()), Section.QUESTION);
        boolean hasAnswerOfType = false;
        long negativeTtl = -1;
        long minTtl = Long.MAX_VALUE;
        for (int section = Section.ANSWER; section <= Section.ADDITIONAL; section++) {
            for (Record r : answer.getSection(section)) {
                if (r instanceof OPTRecord) continue;
                canonical.addRecord(r, section);
                minTtl = Math.min(minTtl, cappedTtl(r.getTTL(), maxTtlSeconds));
                if (section == Section.ANSWER && r.getType() == query.type()) hasAnswerOfType = true;
                if (section == Section.AUTHORITY && r instanceof SOARecord) {
                    SOARecord soa = (SOARecord) r;
                    negativeTtl = Math.min(cappedTtl(soa.getTTL(), maxTtlSeconds), cappedTtl(soa.getMinimum(), maxTtlSeconds));
                }
            }
        }
        byte[] wire = canonical.toWire();
        int nameLength = query.name().length();
        int[] ttlOffsets = ttlOffsets(wire, HEADER_LENGTH + nameLength + 4);
        int[] ttls = new int[ttlOffsets.length];
        for (int i = 0; i < ttls.length; i++) {
            ttls[i] = (int) cappedTtl(readInt(wire, ttlOffsets[i]) & 0xffff_ffffL, maxTtlSeconds);
            writeInt(wire, ttlOffsets[i], ttls[i]);
        }
        int finalRcode = canonical.getHeader().getRcode();
        boolean negative = finalRcode == Rcode.NXDOMAIN || (finalRcode == Rcode.NOERROR && !hasAnswerOfType);
        return new EncodedAnswer(wire, nameLength, ttlOffsets, ttls, chainNames(answer, query.normalizedName()),
                addressOffsets(wire, ttlOffsets), nowNanos, finalRcode, negative, minTtl == Long.MAX_VALUE ? -1 : minTtl, negativeTtl);
    }

    /**
     * This answer for {@code query}: its id, RD and CD, its spelling of the question, TTLs counted
     * down to {@code nowNanos}, our OPT when it sent one; truncated (TC=1) when it exceeds the
     * query's limit.
     */
    byte[] render(Query query, long nowNanos) {
        long elapsed = Math.max(0, (nowNanos - storedAtNanos) / NANOS_PER_SECOND);
        byte[] in = query.wire();
        byte[] out = Arrays.copyOf(wire, wire.length + (query.edns() ? OPT_LENGTH : 0));
        out[0] = in[0];
        out[1] = in[1];
        out[2] = (byte) ((wire[2] & ~RD) | (in[2] & RD));
        // AD only to a client that asked for DNSSEC data or for AD itself (RFC 6840 §5.7-5.8)
        boolean mayAuthenticate = query.dnssecOk() || (in[3] & AD) != 0;
        out[3] = (byte) ((wire[3] & ~(CD | AD)) | (in[3] & CD) | (mayAuthenticate ? wire[3] & AD : 0));
        if (sameNameLength(in)) System.arraycopy(in, HEADER_LENGTH, out, HEADER_LENGTH, questionNameLength);
        for (int i = 0; i < ttlOffsets.length; i++) writeInt(out, ttlOffsets[i], (int) Math.max(0, ttls[i] - elapsed));
        if (query.edns()) appendOpt(out, wire.length, query.dnssecOk());
        if (out.length <= query.maxReplySize()) return out;
        return truncate(out, query.maxReplySize());
    }

    /**
     * The rule blocking this answer under {@code policy}, or null: first a name of its CNAME/DNAME
     * chain (CNAME cloaking), then an A or AAAA record of the answer section inside a blocked
     * network whose source blocks answers ({@code answersAddress}; a {@code proxy-only} source's
     * networks do not). Read from the stored bytes, so a cache hit allocates nothing more here.
     */
    RuleMeta blockedBy(Policy policy, Predicate<RuleMeta> answersAddress) {
        for (String name : chain) {
            Verdict verdict = policy.check(name);
            if (verdict.action() == Verdict.Action.BLOCK) return verdict.rule();
        }
        for (int at : addressOffsets) {
            RuleMeta rule = policy.addressRule(wire, at, readShort(wire, at - 2));
            if (rule != null && rule.effect() == Effect.BLOCK && answersAddress.test(rule)) return rule;
        }
        return null;
    }

    int rcode() {
        return rcode;
    }

    /** NXDOMAIN, or NOERROR without a record of the question's type (NODATA). */
    boolean negative() {
        return negative;
    }

    /** The smallest record TTL (capped), or -1 when there are no records. */
    long minTtl() {
        return minTtl;
    }

    /** min(SOA TTL, SOA minimum) of the authority section (RFC 2308 §5), or -1 without a SOA. */
    long negativeTtl() {
        return negativeTtl;
    }

    boolean truncated() {
        return (wire[2] & 0x02) != 0;
    }

    long storedAtNanos() {
        return storedAtNanos;
    }

    /** Names in the answer's CNAME and DNAME records other than the question: what cloaking could hide behind. */
    private static String[] chainNames(Message answer, String questionName) {
        List<String> names = null;
        for (Record r : answer.getSection(Section.ANSWER)) {
            if (!(r instanceof CNAMERecord) && !(r instanceof DNAMERecord)) continue;
            if (names == null) names = new ArrayList<>();
            String owner = NameText.normalized(r.getName());
            String target = NameText.normalized(r instanceof CNAMERecord ? ((CNAMERecord) r).getTarget() : ((DNAMERecord) r).getTarget());
            for (String n : new String[] {owner, target}) if (!n.equals(questionName) && !names.contains(n)) names.add(n);
        }
        return names == null ? NO_NAMES : names.toArray(String[]::new);
    }

    /** Where the data of each A (4 bytes) and AAAA (16 bytes) record of the answer section starts. */
    private static int[] addressOffsets(byte[] wire, int[] ttlOffsets) {
        int answers = readShort(wire, 6);
        int n = 0;
        int[] offsets = new int[answers];
        for (int i = 0; i < answers; i++) {
            int header = ttlOffsets[i] - 4;               // type, class, then the TTL
            int type = readShort(wire, header);
            int length = readShort(wire, ttlOffsets[i] + 4);
            if ((type == TYPE_A && length == 4) || (type == TYPE_AAAA && length == 16)) offsets[n++] = ttlOffsets[i] + 6;
        }
        return n == answers ? offsets : Arrays.copyOf(offsets, n);
    }

    /** The offset of every record's TTL field after the question, by walking the records' headers. */
    private static int[] ttlOffsets(byte[] wire, int start) {
        int[] offsets = new int[readShort(wire, 6) + readShort(wire, 8) + readShort(wire, 10)];
        int p = start;
        for (int i = 0; i < offsets.length; i++) {
            p = skipName(wire, p);
            offsets[i] = p + 4;
            p += 10 + readShort(wire, p + 8);
        }
        return offsets;
    }

    private static int skipName(byte[] wire, int p) {
        while (true) {
            int label = wire[p] & 0xff;
            if (label == 0) return p + 1;
            if ((label & 0xc0) == 0xc0) return p + 2;
            p += 1 + label;
        }
    }

    /** True when the client spelled the question in plain labels of the stored length, so its spelling can be copied in. */
    private boolean sameNameLength(byte[] in) {
        int p = HEADER_LENGTH;
        int end = HEADER_LENGTH + questionNameLength;
        while (p < end && p < in.length) {
            int label = in[p] & 0xff;
            if (label == 0) return p + 1 == end;
            if (label > 63) return false;
            p += 1 + label;
        }
        return false;
    }

    private static void appendOpt(byte[] out, int at, boolean dnssecOk) {
        out[at] = 0;                                          // root
        out[at + 1] = 0;
        out[at + 2] = 41;                                     // type OPT
        out[at + 3] = (byte) (Query.EDNS_PAYLOAD >> 8);
        out[at + 4] = (byte) Query.EDNS_PAYLOAD;
        out[at + 5] = 0;                                      // extended rcode
        out[at + 6] = 0;                                      // version
        out[at + 7] = (byte) (dnssecOk ? DO : 0);
        out[at + 8] = 0;
        out[at + 9] = 0;                                      // rdlength
        out[at + 10] = 0;
        int additional = readShort(out, 10) + 1;
        out[10] = (byte) (additional >> 8);
        out[11] = (byte) additional;
    }

    /** The rare path: dnsjava drops whole RRsets from the end until it fits and sets TC (RFC 2181 §9). */
    private static byte[] truncate(byte[] full, int limit) {
        try {
            return new Message(full).toWire(limit);
        } catch (IOException e) {
            throw new IllegalStateException("our own encoding does not parse", e);
        }
    }

    /** TTLs above 2^31-1 mean 0 (RFC 2181 §8); then the cap. */
    private static long cappedTtl(long ttl, long max) {
        if (ttl > Integer.MAX_VALUE) return 0;
        return Math.min(ttl, max);
    }

    private static int readShort(byte[] b, int p) {
        return (b[p] & 0xff) << 8 | (b[p + 1] & 0xff);
    }

    private static int readInt(byte[] b, int p) {
        return (b[p] & 0xff) << 24 | (b[p + 1] & 0xff) << 16 | (b[p + 2] & 0xff) << 8 | (b[p + 3] & 0xff);
    }

    private static void writeInt(byte[] b, int p, int v) {
        b[p] = (byte) (v >>> 24);
        b[p + 1] = (byte) (v >>> 16);
        b[p + 2] = (byte) (v >>> 8);
        b[p + 3] = (byte) v;
    }
}
