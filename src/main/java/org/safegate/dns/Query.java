package org.safegate.dns;

import java.net.InetSocketAddress;
import org.safegate.policy.Policy;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * One well-formed query on its way through the pipeline: the request as received and parsed, its
 * question, who asked and how, and the {@link Policy} snapshot read once when it arrived, so every
 * stage decides with the same policy even if a reload lands meanwhile.
 *
 * @param wire             the request bytes as received (the cache copies the question's spelling from them)
 * @param request          the parsed request; never changed
 * @param name             the question name as asked (its case is echoed back)
 * @param normalizedName   lower case, no trailing dot: what the policy and the cache look up
 * @param type             the question type
 * @param dclass           the question class
 * @param client           the client's address
 * @param transport        UDP or TCP
 * @param maxUdpPayload    the largest UDP reply this client takes: 512 without EDNS, else its
 *                         advertised size within [512, {@value #EDNS_PAYLOAD}]
 * @param edns             the request carried an OPT record (version 0)
 * @param dnssecOk         the request's DO bit
 * @param structuredErrors the request carried an empty Extended DNS Error option: the client reads the
 *                         JSON form of draft-ietf-dnsop-structured-dns-error
 * @param policy           the policy snapshot this query is decided with
 * @param startNanos       when the query was read, for the duration metric
 */
record Query(byte[] wire, Message request, Name name, String normalizedName, int type, int dclass,
             InetSocketAddress client, Transport transport, int maxUdpPayload, boolean edns, boolean dnssecOk,
             boolean structuredErrors, Policy policy, long startNanos) {
    /**
     * The UDP payload size we advertise and the most we send: 1232 avoids IP fragmentation on
     * every common path (DNS Flag Day 2020), whatever larger size a client offers.
     */
    static final int EDNS_PAYLOAD = 1232;
    static final int PLAIN_UDP_PAYLOAD = 512;
    static final int MAX_TCP_MESSAGE = 65535;
    private static final int HEADER_LENGTH = 12;

    /**
     * The query for {@code request}, parsed from {@code wire}, which has exactly one question and
     * no OPT record of a version above 0 (the processor answers those itself).
     */
    static Query of(byte[] wire, Message request, InetSocketAddress client, Transport transport, Policy policy, long startNanos) {
        Record question = request.getQuestion();
        Name name = question.getName();
        String normalized = NameText.normalized(wire, HEADER_LENGTH);
        if (normalized == null) normalized = NameText.normalized(name);
        OPTRecord opt = request.getOPT();
        int payload = opt == null ? PLAIN_UDP_PAYLOAD : Math.max(PLAIN_UDP_PAYLOAD, Math.min(EDNS_PAYLOAD, opt.getPayloadSize()));
        boolean dnssecOk = opt != null && (opt.getFlags() & ExtendedFlags.DO) != 0;
        return new Query(wire, request, name, normalized, question.getType(), question.getDClass(), client, transport,
                payload, opt != null, dnssecOk, opt != null && asksStructuredErrors(opt), policy, startNanos);
    }

    /** An EDE option without text in a query is draft-ietf-dnsop-structured-dns-error's signal. */
    private static boolean asksStructuredErrors(OPTRecord opt) {
        for (EDNSOption option : opt.getOptions(EDNSOption.Code.EDNS_EXTENDED_ERROR)) {
            if (!(option instanceof ExtendedErrorCodeOption)) continue;
            String text = ((ExtendedErrorCodeOption) option).getText();
            if (text == null || text.isEmpty()) return true;
        }
        return false;
    }

    /** The largest reply this query may get on its transport. */
    int maxReplySize() {
        return transport == Transport.UDP ? maxUdpPayload : MAX_TCP_MESSAGE;
    }

    int id() {
        return request.getHeader().getID();
    }

    boolean checkingDisabled() {
        return request.getHeader().getFlag(Flags.CD);
    }

    /** A reply with this query's id, flags and question, and {@code rcode}; add records, then {@link #withEdns}. */
    Message reply(int rcode) {
        return replyTo(request, rcode);
    }

    /** Adds our OPT record, carrying {@code options}, when the request had one; never otherwise (RFC 6891 §7). */
    Message withEdns(Message reply, EDNSOption... options) {
        if (edns) reply.addRecord(opt(0, dnssecOk, options), Section.ADDITIONAL);
        return reply;
    }

    /**
     * A reply skeleton to {@code request}: same id, opcode, RD and CD, QR and RA set (we recurse for
     * the client), AA never (we are not authoritative), the request's question when it has one.
     */
    static Message replyTo(Message request, int rcode) {
        Header in = request.getHeader();
        Message reply = new Message(in.getID());
        Header out = reply.getHeader();
        out.setFlag(Flags.QR);
        out.setFlag(Flags.RA);
        if (in.getFlag(Flags.RD)) out.setFlag(Flags.RD);
        if (in.getFlag(Flags.CD)) out.setFlag(Flags.CD);
        out.setOpcode(in.getOpcode());
        out.setRcode(rcode & 0xf);
        if (request.getQuestion() != null) reply.addRecord(request.getQuestion(), Section.QUESTION);
        return reply;
    }

    /** Our OPT record; {@code extendedRcode} is the upper 8 bits of a 12-bit rcode (BADVERS is 1). */
    static OPTRecord opt(int extendedRcode, boolean dnssecOk, EDNSOption... options) {
        return new OPTRecord(EDNS_PAYLOAD, extendedRcode, 0, dnssecOk ? ExtendedFlags.DO : 0, options);
    }
}
