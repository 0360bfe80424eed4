package org.safegate.dns;

import java.net.InetSocketAddress;
import java.util.Map;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;

/**
 * A query sent over UDP whose reply is awaited, filed under its id in its port's table. A reply is
 * its answer only when it comes from the server the query went to, with the same id and the same
 * question: anything else is a spoofing attempt or a stray (RFC 5452, section 9.1).
 */
final class AwaitedReply {
    private final Map<Integer, AwaitedReply> table;
    private final int id;
    private final InetSocketAddress server;
    private final Record question;
    private final ReplyListener listener;

    AwaitedReply(Map<Integer, AwaitedReply> table, int id, InetSocketAddress server, Record question, ReplyListener listener) {
        this.table = table;
        this.id = id;
        this.server = server;
        this.question = question;
        this.listener = listener;
    }

    int id() {
        return id;
    }

    boolean isAnsweredBy(InetSocketAddress sender, Message reply) {
        return server.equals(sender) && answers(reply, id, question);
    }

    /** Hands the reply on, unless the query was forgotten or answered meanwhile. */
    void deliver(Message reply) {
        if (table.remove(id, this)) listener.reply(reply);
    }

    void sendFailed(String reason) {
        if (table.remove(id, this)) listener.failed(reason);
    }

    /** The attempt is over (timed out, answered elsewhere): a late reply now counts as a stray. */
    void forget() {
        table.remove(id, this);
    }

    /** Whether {@code reply} is a response to the query with this id and question; names compare case-insensitively. */
    static boolean answers(Message reply, int id, Record question) {
        Record echoed = reply.getQuestion();
        return reply.getHeader().getFlag(Flags.QR) && reply.getHeader().getID() == id && echoed != null
                && echoed.getName().equals(question.getName())      // dnsjava's Name.equals ignores case
                && echoed.getType() == question.getType() && echoed.getDClass() == question.getDClass();
    }
}
