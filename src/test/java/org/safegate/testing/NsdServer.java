package org.safegate.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * Debian's NSD, the real authoritative server, started on 127.0.0.1 for one zone, as an upstream
 * that is not ours. Skips or fails per {@link ExternalTool} when NSD is not installed. Stopped,
 * with its server processes, by {@link #close()}.
 */
public final class NsdServer implements AutoCloseable {
    private final Process process;
    private final InetSocketAddress address;

    private NsdServer(Process process, InetSocketAddress address) {
        this.process = process;
        this.address = address;
    }

    /** Serves {@code zoneText} (a master file) as {@code zone} from a fresh directory under {@code dir}. */
    public static NsdServer start(Path dir, String zone, String zoneText) throws IOException {
        String nsd = ExternalTool.require("nsd", "nsd");
        Files.writeString(dir.resolve(zone + "zone"), zoneText, UTF_8);
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {     // the free port we picked may be taken meanwhile
            int port = freePort();
            Path conf = dir.resolve("nsd.conf");
            Files.writeString(conf, """
                    server:
                      ip-address: 127.0.0.1@%1$d
                      port: %1$d
                      server-count: 1
                      username: ""
                      chroot: ""
                      zonesdir: "%2$s"
                      database: ""
                      zonelistfile: "%2$s/zone.list"
                      xfrdfile: "%2$s/xfrd.state"
                      pidfile: "%2$s/nsd.pid"
                      logfile: "%2$s/nsd.log"
                      verbosity: 1
                    remote-control:
                      control-enable: no
                    zone:
                      name: %3$s
                      zonefile: %3$szone
                    """.formatted(port, dir.toAbsolutePath(), zone), UTF_8);
            Process process = new ProcessBuilder(nsd, "-d", "-c", conf.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("nsd.out").toFile()).start();
            NsdServer server = new NsdServer(process, new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            try {
                server.awaitAnswering(zone);
                return server;
            } catch (RuntimeException e) {
                server.close();
                last = new IOException("nsd did not answer on port " + port + ": " + Files.readString(dir.resolve("nsd.out")), e);
            }
        }
        throw last;
    }

    public InetSocketAddress address() {
        return address;
    }

    private void awaitAnswering(String zone) {
        Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() -> {
            if (!process.isAlive()) throw new IllegalStateException("nsd exited with " + process.exitValue());
            SimpleResolver resolver = new SimpleResolver(address);
            resolver.setTimeout(Duration.ofMillis(500));
            Message answer = resolver.send(Message.newQuery(Record.newRecord(Name.fromString(zone), Type.SOA, DClass.IN)));
            return answer.getSection(1).size() == 1;
        });
    }

    private static int freePort() throws IOException {
        try (DatagramSocket udp = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             ServerSocket tcp = new ServerSocket(udp.getLocalPort(), 1, InetAddress.getLoopbackAddress())) {
            return tcp.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
