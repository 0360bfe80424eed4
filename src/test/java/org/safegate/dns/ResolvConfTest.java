package org.safegate.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResolvConfTest {
    @TempDir
    Path dir;

    @Test
    void readsNameserverLinesInFileOrderAndNothingElse() throws IOException {
        Path file = write(
                "# written by a DHCP client",
                "; an old-style comment",
                "search corp.example lab.example",
                "domain corp.example",
                "options edns0 trust-ad ndots:2",
                "nameserver 192.0.2.1",
                "",
                "   nameserver\t2001:db8::53   ",
                "nameserver fe80::1%eth0",
                "nameserver 192.0.2.2 # the backup",
                "#nameserver 192.0.2.99",
                "nameserver",
                "nameserver ns1.example",
                "nameserver 300.1.2.3",
                "nameserver [2001:db8::54]",
                "nameservers 192.0.2.98",
                "Nameserver 192.0.2.97");

        assertThat(ResolvConf.nameservers(file, List.of())).containsExactly(
                addr("192.0.2.1"), addr("2001:db8::53"), addr("fe80::1"), addr("192.0.2.2"));
    }

    @Test
    void zoneIsDropped() throws IOException {
        InetSocketAddress server = ResolvConf.nameservers(write("nameserver fe80::1%eth0"), List.of()).get(0);

        assertThat(server.getAddress().getHostAddress()).doesNotContain("%").isEqualTo("fe80:0:0:0:0:0:0:1");
        assertThat(server.getPort()).isEqualTo(53);
    }

    @Test
    void duplicatesAreListedOnce() throws IOException {
        assertThat(ResolvConf.nameservers(write("nameserver 192.0.2.1", "nameserver 192.0.2.1"), List.of()))
                .containsExactly(addr("192.0.2.1"));
    }

    @Test
    void ourOwnListenAddressOnPort53IsSkipped() throws IOException {
        Path file = write("nameserver 127.0.0.1", "nameserver 192.0.2.1", "nameserver ::1");

        assertThat(ResolvConf.nameservers(file, List.of(new InetSocketAddress("127.0.0.1", 53))))
                .containsExactly(addr("192.0.2.1"), addr("::1"));
    }

    @Test
    void sameAddressOnAnotherPortIsNotUs() throws IOException {
        Path file = write("nameserver 127.0.0.1");

        assertThat(ResolvConf.nameservers(file, List.of(new InetSocketAddress("127.0.0.1", 5353))))
                .containsExactly(addr("127.0.0.1"));
    }

    @Test
    void wildcardListenOnPort53SkipsEveryAddressOfThisHost() throws IOException {
        Path file = write("nameserver 127.0.0.53", "nameserver 192.0.2.1", "nameserver ::1", "nameserver 0.0.0.0");

        assertThat(ResolvConf.nameservers(file, List.of(new InetSocketAddress("0.0.0.0", 53))))
                .containsExactly(addr("192.0.2.1"));
    }

    @Test
    void nameserverZeroMeansThisHost() throws IOException {
        Path file = write("nameserver 0.0.0.0", "nameserver 192.0.2.1");

        assertThat(ResolvConf.nameservers(file, List.of(new InetSocketAddress("127.0.0.1", 53))))
                .containsExactly(addr("192.0.2.1"));
    }

    @Test
    void missingFileIsEmpty() {
        assertThat(ResolvConf.nameservers(dir.resolve("absent.conf"), List.of())).isEmpty();
    }

    @Test
    void unreadableFileIsEmpty() {
        assertThat(ResolvConf.nameservers(dir, List.of())).isEmpty();    // a directory: reading it fails even as root
    }

    private Path write(String... lines) throws IOException {
        Path file = Files.createTempFile(dir, "resolv", ".conf");
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return file;
    }

    private static InetSocketAddress addr(String ip) {
        return new InetSocketAddress(ip, 53);
    }
}
