package org.safegate.journal;

/** A payload whose checksum held but whose content does not decode: a bug or a foreign file. */
final class MalformedPayloadException extends Exception {
    MalformedPayloadException(String reason) {
        super(reason);
    }
}
