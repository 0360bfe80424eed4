package org.safegate.dns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import org.safegate.policy.Policy;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/** {@link Query} values for tests that do not go through sockets, built the way the processor builds them. */
final class Queries {
    static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 5353);

    private Queries() {}

    /** A request for {@code name} and {@code type}; {@code payload} 0 = no EDNS. */
    static Message request(String name, int type, int payload, boolean dnssecOk, EDNSOption... options) {
        try {
            Message m = Message.newQuery(Record.newRecord(Name.fromString(name, Name.root), type, DClass.IN));
            if (payload > 0) m.addRecord(new OPTRecord(payload, 0, 0, dnssecOk ? ExtendedFlags.DO : 0, List.of(options)), Section.ADDITIONAL);
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Query query(Message request, Transport transport, Policy policy) {
        try {
            byte[] wire = request.toWire();
            return Query.of(wire, new Message(wire), CLIENT, transport, policy, 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** UDP, EDNS with a 1232-byte payload, no DO. */
    static Query udp(String name, int type, Policy policy) {
        return query(request(name, type, 1232, false), Transport.UDP, policy);
    }
}
