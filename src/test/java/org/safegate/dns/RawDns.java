package org.safegate.dns;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;

/** Bytes to a DNS server and back, with nothing in between: for queries no library would send. */
final class RawDns {
    static final int TIMEOUT_MILLIS = 5000;

    private RawDns() {}

    /** Sends {@code query} from {@code local} (any port) and returns the first datagram that comes back. */
    static byte[] udp(InetSocketAddress server, byte[] query, InetAddress local) throws IOException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(local, 0))) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.send(new DatagramPacket(query, query.length, server));
            byte[] buffer = new byte[65535];
            DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
            socket.receive(reply);
            return Arrays.copyOf(buffer, reply.getLength());
        }
    }

    static byte[] udp(InetSocketAddress server, byte[] query) throws IOException {
        return udp(server, query, InetAddress.getLoopbackAddress());
    }

    /** Sends each of {@code frames} length-prefixed on one connection, then reads {@code replies} framed replies. */
    static byte[][] tcp(InetSocketAddress server, int replies, byte[]... frames) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(server, TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            for (byte[] frame : frames) {
                out.writeShort(frame.length);
                out.write(frame);
            }
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[][] result = new byte[replies][];
            for (int i = 0; i < replies; i++) {
                result[i] = new byte[in.readUnsignedShort()];
                in.readFully(result[i]);
            }
            return result;
        }
    }
}
