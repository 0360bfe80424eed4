package org.safegate.proxy;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

/** A plain socket to the proxy, for bytes no well-behaved client sends; every read has a deadline. */
public final class RawClient implements AutoCloseable {
    private final Socket socket;

    public RawClient(InetSocketAddress proxy, InetAddress bindTo) throws IOException {
        socket = new Socket();
        socket.setSoTimeout(10_000);
        if (bindTo != null) socket.bind(new InetSocketAddress(bindTo, 0));
        socket.connect(proxy, 10_000);
    }

    public RawClient(InetSocketAddress proxy) throws IOException {
        this(proxy, null);
    }

    public RawClient send(String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(ISO_8859_1));
        socket.getOutputStream().flush();
        return this;
    }

    /** Everything until the proxy closes the connection; fails when it keeps it open past the deadline. */
    public String readToClose() throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buf = new byte[8192];
        try {
            for (int n; (n = in.read(buf)) >= 0; ) all.write(buf, 0, n);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("connection still open after 10 s; read so far: " + all.toString(ISO_8859_1), e);
        } catch (IOException e) {
            if (!String.valueOf(e.getMessage()).contains("reset")) throw e;   // a reset also closes
        }
        return all.toString(ISO_8859_1);
    }

    /** Reads until {@code marker} has been seen (or fails at the deadline); returns all read. */
    public String readUntil(String marker) throws IOException {
        StringBuilder sb = new StringBuilder();
        InputStream in = socket.getInputStream();
        byte[] buf = new byte[4096];
        while (sb.indexOf(marker) < 0) {
            int n = in.read(buf);
            if (n < 0) throw new AssertionError("closed before \"" + marker + "\"; read: " + sb);
            sb.append(new String(buf, 0, n, ISO_8859_1));
        }
        return sb.toString();
    }

    /** Reads exactly {@code length} bytes (or fails at the deadline or on close). */
    public String readUntilLength(int length) throws IOException {
        byte[] bytes = socket.getInputStream().readNBytes(length);
        if (bytes.length < length) throw new AssertionError("closed after " + bytes.length + " of " + length + " bytes");
        return new String(bytes, ISO_8859_1);
    }

    /** The first flight of a real TLS client (Netty's) for {@code serverName}, one char per byte. */
    public static String tlsClientHello(String serverName) throws IOException {
        EmbeddedChannel channel = new EmbeddedChannel(SslContextBuilder.forClient().build()
                .newHandler(ByteBufAllocator.DEFAULT, serverName, 443));
        try {
            StringBuilder sb = new StringBuilder();
            for (ByteBuf out; (out = channel.readOutbound()) != null; ) {
                sb.append(new String(ByteBufUtil.getBytes(out), ISO_8859_1));
                out.release();
            }
            if (sb.isEmpty()) throw new AssertionError("the TLS client wrote no ClientHello");
            return sb.toString();
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
