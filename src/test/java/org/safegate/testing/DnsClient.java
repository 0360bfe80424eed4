package org.safegate.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;

/** dnsjava's own stub resolver pointed at a server under test: the client a Java application would use. */
public final class DnsClient {
    private DnsClient() {}

    /** A resolver with a timeout long enough for a loaded CI machine, short enough to fail a test promptly. */
    public static SimpleResolver to(InetSocketAddress server) {
        SimpleResolver resolver = new SimpleResolver(server);
        resolver.setTimeout(Duration.ofSeconds(5));
        return resolver;
    }

    public static Message query(String name, int type) throws IOException {
        return Message.newQuery(Record.newRecord(Name.fromString(name, Name.root), type, DClass.IN));
    }

    public static Message ask(InetSocketAddress server, String name, int type) throws IOException {
        return to(server).send(query(name, type));
    }
}
