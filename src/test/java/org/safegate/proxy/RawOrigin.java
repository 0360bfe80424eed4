package org.safegate.proxy;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An origin that speaks what the JDK's server will not: {@code /ws} answers 101 Switching
 * Protocols and then echoes bytes (a WebSocket stand-in: the proxy only sees bytes after the 101),
 * any other GET answers HTTP/1.0 with a body ended by closing the connection, and HEAD gets the
 * head of a chunked response. On 127.0.0.1 port 0.
 */
final class RawOrigin implements AutoCloseable {
    static final String HTTP10_BODY = "body delimited by close\n".repeat(1000);

    private final java.util.concurrent.atomic.AtomicLong endlessSent = new java.util.concurrent.atomic.AtomicLong();
    private final ServerSocket server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);

    RawOrigin() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        threads.execute(this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                threads.execute(() -> serve(s));
            } catch (IOException e) {
                return;                                 // closed: the test is over
            }
        }
    }

    /** Body bytes {@code /endless} has written so far (into the socket: blocked writes are not counted). */
    long endlessSent() {
        return endlessSent.get();
    }

    private void serve(Socket s) {
        try (s) {
            s.setSoTimeout(10_000);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            String head = readHead(in);
            if (head.startsWith("GET /ws ")) {
                out.write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n".getBytes(ISO_8859_1));
                out.flush();
                in.transferTo(out);                     // echo until the client closes
            } else if (head.startsWith("GET /endless ")) {
                out.write("HTTP/1.1 200 OK\r\nContent-Length: 1073741824\r\n\r\n".getBytes(ISO_8859_1));
                byte[] block = new byte[65536];
                for (int i = 0; i < 16384; i++) {        // 1 GiB at most; ends with an exception once the proxy closes
                    out.write(block);
                    endlessSent.addAndGet(block.length);
                }
            } else if (head.startsWith("HEAD ")) {       // the head of a chunked body, and no body (RFC 9110 9.3.2)
                out.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n".getBytes(ISO_8859_1));
            } else {
                out.write(("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\n" + HTTP10_BODY).getBytes(ISO_8859_1));
            }
        } catch (IOException e) {
            // the proxy went away mid-test; the test's own assertions report what matters
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int c; sb.indexOf("\r\n\r\n") < 0 && (c = in.read()) >= 0; ) sb.append((char) c);
        return sb.toString();
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }
}
