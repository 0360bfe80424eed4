package org.safegate.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * Debian's nginx, a real origin, started on 127.0.0.1 with its own config, logs, pid and temp
 * files under one directory: one process ({@code master_process off}, {@code daemon off}) that
 * {@link #close()} stops by its PID. Skips or fails per {@link ExternalTool} when nginx is not
 * installed.
 *
 * <p>It serves {@code webRoot} at {@code /} as static files (with Content-Length), and the same
 * files under {@code /chunked/} gzip-compressed to a client that accepts gzip: nginx then cannot know
 * the length up front and sends {@code Transfer-Encoding: chunked} (compression is on for proxied
 * requests too, which nginx otherwise skips when it sees a {@code Via} header). The access log has
 * one line per request: {@code connection-serial requests-on-connection uri}, so a test can tell
 * whether requests shared one connection.
 */
public final class NginxServer implements AutoCloseable {
    private final Process process;
    private final InetSocketAddress address;
    private final Path accessLog;

    private NginxServer(Process process, InetSocketAddress address, Path accessLog) {
        this.process = process;
        this.address = address;
        this.accessLog = accessLog;
    }

    /** Starts nginx with its files in {@code dir}, serving {@code webRoot}. */
    public static NginxServer start(Path dir, Path webRoot) throws IOException {
        String nginx = ExternalTool.require("nginx", "nginx-light");
        Path conf = dir.resolve("nginx.conf");
        Path errorLog = dir.resolve("error.log");
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {     // the free port we picked may be taken meanwhile
            int port = freePort();
            Files.writeString(conf, config(dir.toAbsolutePath(), webRoot.toAbsolutePath(), port), UTF_8);
            // -e: the error log before the config is read (the Debian default is a system path)
            Process process = new ProcessBuilder(nginx, "-p", dir.toAbsolutePath().toString(), "-c", conf.toString(),
                    "-e", errorLog.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
            NginxServer server = new NginxServer(process, new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                    dir.resolve("access.log"));
            try {
                server.awaitListening();
                return server;
            } catch (RuntimeException e) {
                server.close();
                last = new IOException("nginx did not listen on port " + port + ": "
                        + (Files.exists(errorLog) ? Files.readString(errorLog) : "no error log"), e);
            }
        }
        throw last;
    }

    private static String config(Path dir, Path webRoot, int port) {
        return """
                daemon off;
                master_process off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log info;
                events { worker_connections 64; }
                http {
                  log_format connections '$connection $connection_requests $request_uri';
                  access_log %1$s/access.log connections;
                  client_body_temp_path %1$s/body;
                  proxy_temp_path %1$s/proxy;
                  fastcgi_temp_path %1$s/fastcgi;
                  uwsgi_temp_path %1$s/uwsgi;
                  scgi_temp_path %1$s/scgi;
                  default_type application/octet-stream;
                  keepalive_requests 1000;
                  server {
                    listen 127.0.0.1:%3$d;
                    root %2$s;
                    location /chunked/ {
                      alias %2$s/;
                      gzip on;
                      gzip_types *;
                      gzip_min_length 0;
                      gzip_proxied any;
                    }
                  }
                }
                """.formatted(dir, webRoot, port);
    }

    public InetSocketAddress address() {
        return address;
    }

    public int port() {
        return address.getPort();
    }

    /** The access log so far, one {@code "connection requests uri"} line per request. */
    public List<String> accessLog() throws IOException {
        return Files.exists(accessLog) ? Files.readAllLines(accessLog, UTF_8) : List.of();
    }

    private void awaitListening() {
        Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).ignoreExceptions().until(() -> {
            if (!process.isAlive()) throw new IllegalStateException("nginx exited with " + process.exitValue());
            try (Socket probe = new Socket()) {
                probe.connect(address, 1000);
                return true;
            }
        });
    }

    private static int freePort() throws IOException {
        try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return tcp.getLocalPort();
        }
    }

    /** Stops nginx by its PID (SIGTERM: a fast shutdown), forcibly after 10 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
