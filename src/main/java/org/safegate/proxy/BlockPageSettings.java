package org.safegate.proxy;

import static java.util.Objects.requireNonNull;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What the block page says and where else it is served. Immutable.
 *
 * @param listen         a listener that serves only block pages, for whole-domain blocks whose DNS
 *                       answer is this address (browsers arrive on port 80 with the blocked Host); empty: off
 * @param operator       who blocks, named on every page
 * @param contact        how to reach the operator (free text: an address, a phone number, a URL)
 * @param appealUrl      where to appeal or report a page blocked by mistake
 * @param templates      a directory whose templates replace the built-in ones; empty: built-in
 * @param templatesWhere where {@code templates} was configured, as problems name it
 *                       ({@code conf/safegate.conf:40: safegate.proxy.block-page.templates})
 */
public record BlockPageSettings(Optional<InetSocketAddress> listen, String operator, String contact, String appealUrl,
                                Optional<Path> templates, String templatesWhere) {
    public BlockPageSettings {
        requireNonNull(listen, "listen");
        requireNonNull(operator, "operator");
        requireNonNull(contact, "contact");
        requireNonNull(appealUrl, "appealUrl");
        requireNonNull(templates, "templates");
        requireNonNull(templatesWhere, "templatesWhere");
    }

    /** Built-in templates, no listener of its own. */
    public static BlockPageSettings of(String operator, String contact, String appealUrl) {
        return new BlockPageSettings(Optional.empty(), operator, contact, appealUrl, Optional.empty(), "block-page.templates");
    }

    public BlockPageSettings withListen(InetSocketAddress address) {
        return new BlockPageSettings(Optional.of(address), operator, contact, appealUrl, templates, templatesWhere);
    }

    public BlockPageSettings withTemplates(Path directory, String where) {
        return new BlockPageSettings(listen, operator, contact, appealUrl, Optional.of(directory), where);
    }
}
