package org.safegate.dns;

import static java.util.Objects.requireNonNull;

import io.netty.util.NetUtil;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the host's nameservers from resolv.conf (resolv.conf(5)), for when no upstream is
 * configured. Only {@code nameserver} lines count; a forwarder pointing at safegate itself would
 * loop, so the addresses safegate listens on are left out. Stateless and thread-safe; it reads a
 * file, so call it at start-up, never on an event loop.
 */
public final class ResolvConf {
    private static final Logger log = LoggerFactory.getLogger(ResolvConf.class);
    private static final int DNS_PORT = 53;

    private ResolvConf() {}

    /**
     * The {@code nameserver} addresses of {@code resolvConf} as port-53 addresses, in file order,
     * without duplicates, without an IPv6 zone ({@code %eth0}), and without any address we answer
     * on: one of {@code ownListenAddresses} with port 53 and the same IP, or, for a wildcard listen
     * on port 53, any address of this host (loopback or an interface's).
     *
     * @return empty when the file is missing or unreadable (the caller says so once)
     */
    public static List<InetSocketAddress> nameservers(Path resolvConf, Collection<InetSocketAddress> ownListenAddresses) {
        requireNonNull(resolvConf, "resolvConf");
        requireNonNull(ownListenAddresses, "ownListenAddresses");
        List<String> lines;
        try {
            lines = Files.readAllLines(resolvConf, StandardCharsets.ISO_8859_1);   // any bytes decode: no charset error
        } catch (IOException | UncheckedIOException e) {
            log.debug("{}: cannot read: {}", resolvConf, e.toString());
            return List.of();
        }
        Set<InetSocketAddress> found = new LinkedHashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            InetAddress address = nameserverOn(lines.get(i), resolvConf + ":" + (i + 1));
            if (address == null) continue;
            if (isOwn(address, ownListenAddresses)) {
                log.debug("{}:{}: nameserver: {} is this server itself, skipped", resolvConf, i + 1, address.getHostAddress());
                continue;
            }
            found.add(new InetSocketAddress(address, DNS_PORT));
        }
        return List.copyOf(found);
    }

    /** @return the address of a well-formed {@code nameserver} line, else null */
    private static InetAddress nameserverOn(String line, String where) {
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.charAt(0) == '#' || trimmed.charAt(0) == ';') return null;
        String[] tokens = trimmed.split("\\s+");
        if (!tokens[0].equals("nameserver")) return null;       // options, search, domain, sortlist...
        if (tokens.length < 2) {
            log.debug("{}: nameserver: no address", where);
            return null;
        }
        InetAddress address = parseLiteral(tokens[1]);            // anything after it is a comment to glibc too
        if (address == null) log.debug("{}: nameserver: \"{}\" is not an IP address", where, tokens[1]);
        return address;
    }

    /** An IPv4 or IPv6 literal, the IPv6 zone dropped; never a DNS lookup. */
    private static InetAddress parseLiteral(String text) {
        int zone = text.indexOf('%');
        String literal = zone >= 0 && text.indexOf(':') >= 0 ? text.substring(0, zone) : text;
        if (literal.startsWith("[")) return null;                 // NetUtil takes "[::1]"; glibc's inet_pton does not
        if (!NetUtil.isValidIpV4Address(literal) && !NetUtil.isValidIpV6Address(literal)) return null;
        try {
            return InetAddress.getByAddress(NetUtil.createByteArrayFromIpAddressString(literal));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a validated literal has a bad length: " + literal, e);
        }
    }

    private static boolean isOwn(InetAddress nameserver, Collection<InetSocketAddress> ownListenAddresses) {
        for (InetSocketAddress own : ownListenAddresses) {
            InetAddress listen = own.getAddress();
            if (own.getPort() != DNS_PORT || listen == null) continue;
            if (listen.equals(nameserver)) return true;
            if (listen.isAnyLocalAddress() && isThisHost(nameserver)) return true;
            if (nameserver.isAnyLocalAddress() && isThisHost(listen)) return true;   // "nameserver 0.0.0.0" means this host
        }
        return false;
    }

    private static boolean isThisHost(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress()) return true;
        try {
            return NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException e) {
            log.debug("cannot list network interfaces: {}; {} taken as this host", e.toString(), address.getHostAddress());
            return true;                                // a forwarding loop is worse than one forwarder fewer
        }
    }
}
