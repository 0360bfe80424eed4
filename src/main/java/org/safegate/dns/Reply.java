package org.safegate.dns;

import static java.util.Objects.requireNonNull;

import org.xbill.DNS.Message;

/**
 * What a stage answers: a dnsjava message still to be encoded (block, steer, error answers), or
 * wire bytes already rendered for this client (cached and relayed answers: no dnsjava on that
 * path), or nothing at all (an RPZ drop). It may also carry an upstream answer for the cache to
 * keep, which can differ from what the client gets (a CNAME-cloaked answer is cached, then
 * re-checked against the policy on every hit). Immutable.
 */
final class Reply {
    private final Outcome outcome;
    private final Message message;
    private final byte[] wire;
    private final EncodedAnswer toCache;

    private Reply(Outcome outcome, Message message, byte[] wire, EncodedAnswer toCache) {
        this.outcome = requireNonNull(outcome, "outcome");
        this.message = message;
        this.wire = wire;
        this.toCache = toCache;
    }

    static Reply message(Outcome outcome, Message message) {
        return new Reply(outcome, requireNonNull(message, "message"), null, null);
    }

    /** {@code wire} already fits the client's limit and carries its id. */
    static Reply wire(Outcome outcome, byte[] wire) {
        return new Reply(outcome, null, requireNonNull(wire, "wire"), null);
    }

    /** No reply: the client times out, as RPZ's drop action asks. */
    static Reply none(Outcome outcome) {
        return new Reply(outcome, null, null, null);
    }

    /** The same reply, and {@code answer} for the cache to store if it is cacheable. */
    Reply caching(EncodedAnswer answer) {
        return new Reply(outcome, message, wire, answer);
    }

    Outcome outcome() {
        return outcome;
    }

    /** The message to encode, or null. */
    Message message() {
        return message;
    }

    /** The rendered bytes, or null. */
    byte[] wire() {
        return wire;
    }

    /** An upstream answer to cache, or null. */
    EncodedAnswer toCache() {
        return toCache;
    }
}
