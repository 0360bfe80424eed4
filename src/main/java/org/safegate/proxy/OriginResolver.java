package org.safegate.proxy;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.safegate.acl.IpLiteral;
import org.safegate.dns.Upstream;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Finds an origin's addresses by asking the {@link Upstream} directly, A then AAAA: never our own
 * DNS server (a steered name would resolve to us and loop), never {@code InetAddress.getByName} or
 * Netty's default resolver (both block the event loop). An IP literal is returned as is.
 *
 * <p>Thread-safe; never blocks. Futures complete on an upstream loop: hop back before touching a channel.
 */
final class OriginResolver {
    private final Upstream upstream;

    OriginResolver(Upstream upstream) {
        this.upstream = requireNonNull(upstream, "upstream");
    }

    /** Completes with at least one address, or exceptionally with {@link OriginException}. */
    CompletableFuture<List<InetAddress>> resolve(String host) {
        if (host.indexOf(':') >= 0 || (!host.isEmpty() && Character.isDigit(host.charAt(host.length() - 1)))) {
            try {
                return CompletableFuture.completedFuture(List.of(IpLiteral.parse(host)));
            } catch (IllegalArgumentException e) {
                // "server01" is a name to look up; "10.1" is neither a name nor a dotted quad, and never read as 10.0.0.1
                if (host.indexOf(':') >= 0 || !hasLetter(host))
                    return CompletableFuture.failedFuture(new OriginException(400, "host: not a name or an IP address"));
            }
        }
        Name name;
        try {
            name = Name.fromString(host, Name.root);
        } catch (TextParseException e) {
            return CompletableFuture.failedFuture(new OriginException(400, "host: not a DNS name"));
        }
        return ask(name, Type.A).thenCompose(v4 -> v4.isEmpty() ? ask(name, Type.AAAA) : CompletableFuture.completedFuture(v4))
                .thenApply(all -> {
                    if (all.isEmpty()) throw new OriginException(502, "origin name has no address");
                    return all;
                });
    }

    private static boolean hasLetter(String host) {
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
        }
        return false;
    }

    private CompletableFuture<List<InetAddress>> ask(Name name, int type) {
        Message query = Message.newQuery(Record.newRecord(name, type, DClass.IN));
        query.getHeader().setFlag(Flags.RD);
        return upstream.exchange(query).handle((answer, failure) -> {
            if (failure != null) throw new OriginException(502, "origin name lookup failed");
            int rcode = answer.getRcode();
            if (rcode == Rcode.NXDOMAIN) throw new OriginException(502, "origin name does not exist");
            if (rcode != Rcode.NOERROR) throw new OriginException(502, "origin name lookup failed: " + Rcode.string(rcode));
            List<InetAddress> addresses = new ArrayList<>();
            for (Record r : answer.getSection(Section.ANSWER)) {
                if (r instanceof ARecord a) addresses.add(a.getAddress());
                else if (r instanceof AAAARecord a) addresses.add(a.getAddress());
            }
            return addresses;
        });
    }
}
