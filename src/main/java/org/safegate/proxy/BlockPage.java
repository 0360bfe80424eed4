package org.safegate.proxy;

import static java.util.Objects.requireNonNull;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.safegate.policy.LegalBasis;
import org.safegate.policy.Mandate;
import org.safegate.policy.SourceMeta;
import org.safegate.policy.Verdict;

/**
 * The block page for a verdict, in the client's language: 451 Unavailable For Legal Reasons with
 * RFC 7725's {@code Link: <...>; rel="blocked-by"} when the deciding source is a legal order, else
 * 403; the wording by {@link BlockWording} (legal order, confidential list, own policy). A page
 * never names the matched entry, and a confidential source's page names nothing of its source. The
 * same page whether it is served by the proxy or on the block-page listener. Thread-safe: immutable.
 */
final class BlockPage {
    private static final HttpResponseStatus LEGAL = HttpResponseStatus.valueOf(451, "Unavailable For Legal Reasons");
    private static final String NOT_STATED = "—";     // an empty field on a page reads as a mistake; a dash as "not given"

    private final BlockTemplates templates;
    private final String blockedByUri;
    private final Map<String, String> common;

    /** @param blockedByUri the operator's page for the {@code rel="blocked-by"} link of a 451 */
    BlockPage(BlockTemplates templates, BlockPageSettings settings, String blockedByUri) {
        this.templates = requireNonNull(templates, "templates");
        this.blockedByUri = requireNonNull(blockedByUri, "blockedByUri");
        this.common = Map.of(
                "operator", shown(settings.operator()),
                "contact", shown(settings.contact()),
                "appeal-url", settings.appealUrl().isEmpty() ? "about:blank" : settings.appealUrl(),
                PageTemplate.STYLE, templates.style());
    }

    /**
     * @param verdict        a BLOCK verdict with its deciding rule
     * @param acceptLanguage the request's Accept-Language header, or null
     */
    FullHttpResponse render(Verdict verdict, String acceptLanguage) {
        SourceMeta source = verdict.rule().source();
        BlockWording wording = BlockWording.of(source);
        PageLanguage language = PageLanguage.negotiate(acceptLanguage);
        String html = templates.get(language, wording).render(values(wording, language, source, verdict));
        boolean legal = source.mandate() == Mandate.LEGAL_ORDER;
        FullHttpResponse response = LocalResponses.response(legal ? LEGAL : HttpResponseStatus.FORBIDDEN, "text/html; charset=utf-8", html);
        response.headers().set(HttpHeaderNames.CONTENT_LANGUAGE, language.tag()).set(HttpHeaderNames.VARY, HttpHeaderNames.ACCEPT_LANGUAGE);
        if (legal) response.headers().set("link", "<" + blockedByUri + ">; rel=\"blocked-by\"");
        return response;
    }

    /** Only what the wording's template may show: a confidential page gets no source detail at all. */
    private Map<String, String> values(BlockWording wording, PageLanguage language, SourceMeta source, Verdict verdict) {
        Map<String, String> values = new HashMap<>(common);
        values.put("lang", language.tag());
        if (wording == BlockWording.CONFIDENTIAL) return values;
        values.put("category", shown(source.category()));
        if (wording == BlockWording.LEGAL) {
            Optional<LegalBasis> basis = verdict.rule().detail().legalBasis();
            values.put("authority", shown(basis.map(LegalBasis::authority).orElse("")));
            values.put("decision", shown(basis.map(LegalBasis::decisionNumber).orElse("")));
            values.put("date", basis.flatMap(LegalBasis::date).map(Object::toString).orElse(NOT_STATED));
        }
        return values;
    }

    private static String shown(String value) {
        return value.isBlank() ? NOT_STATED : value;
    }
}
