package org.safegate.app;

import org.safegate.dns.Upstream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Asks the upstream one question at start-up ({@code . NS}) and logs one clear line when nothing
 * answers, naming the setting to change. Start-up does not wait for it: the resolver serves
 * blocked names without an upstream, and the upstream may come up later.
 */
final class UpstreamProbe {
    private static final Logger log = LoggerFactory.getLogger(UpstreamProbe.class);

    private UpstreamProbe() {}

    static void warnIfSilent(Upstream upstream, String upstreamSource) {
        Message probe = Message.newQuery(Record.newRecord(Name.root, Type.NS, DClass.IN));
        upstream.exchange(probe).whenComplete((answer, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                log.warn("event=upstream_unreachable upstream=\"{}\" error=\"{}\" effect=\"queries that are not blocked get "
                        + "SERVFAIL until an upstream answers\"", upstreamSource, cause.getMessage());
            } else {
                log.info("event=upstream_ok upstream=\"{}\" rcode={}", upstreamSource,
                        org.xbill.DNS.Rcode.string(answer.getRcode()));
            }
        });
    }
}
