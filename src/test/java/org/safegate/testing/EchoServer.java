package org.safegate.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A TCP server that sends every connection's bytes back, one connection at a time, on its own
 * thread: the "origin" of a tunnel whose bytes a test wants to see come back unchanged (a TLS
 * ClientHello passed through undecrypted). Stopped by {@link #close()}.
 */
public final class EchoServer implements AutoCloseable {
    private final ServerSocket socket;
    private final Thread thread;

    private EchoServer(ServerSocket socket) {
        this.socket = socket;
        this.thread = new Thread(this::serve, "echo-" + socket.getLocalPort());
        thread.setDaemon(true);
    }

    /** Listens on {@code address:port}; port 0 picks a free one. */
    public static EchoServer start(InetAddress address, int port) throws IOException {
        EchoServer server = new EchoServer(new ServerSocket(port, 10, address));
        server.thread.start();
        return server;
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket s = socket.accept()) {
                s.getInputStream().transferTo(s.getOutputStream());
            } catch (IOException e) {
                if (socket.isClosed()) return;          // closed by close()
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
