package org.safegate.admin;

import static java.util.concurrent.CompletableFuture.completedFuture;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.safegate.policy.InvalidNameException;
import org.safegate.policy.InvalidUrlException;
import org.safegate.policy.LookupTarget;
import org.safegate.policy.Policy;
import org.safegate.policy.PolicyStore;

/** The read-only endpoints: lookup, policy, history, and the OpenAPI description. Thread-safe. */
final class ReadEndpoints {
    static final String OPENAPI_RESOURCE = "/org/safegate/admin/openapi.yaml";
    static final int MAX_HISTORY = 1000;

    private final PolicyStore store;
    private final NodeControl node;
    private final HistorySource history;
    private final byte[] openApi;

    ReadEndpoints(PolicyStore store, NodeControl node, HistorySource history) {
        this.store = store;
        this.node = node;
        this.history = history;
        this.openApi = openApi();
    }

    /** {@code ?name=} or {@code ?url=}, exactly one. */
    CompletionStage<ApiReply> lookup(ApiCall call) {
        String name = call.queryParam("name");
        String url = call.queryParam("url");
        if ((name == null) == (url == null)) throw new ApiException(400, "give exactly one of name and url", name == null ? "name" : "url");
        LookupTarget target;
        try {
            target = name != null ? LookupTarget.name(name) : LookupTarget.url(url);
        } catch (InvalidNameException | InvalidUrlException e) {
            throw new ApiException(400, e.getMessage(), name != null ? "name" : "url");
        }
        Policy policy = store.current();           // once: the verdict and the version named are of one snapshot
        return completedFuture(ApiReply.json(200, LookupView.of(target, target.check(policy), policy, call.caller(), node)));
    }

    CompletionStage<ApiReply> policy(ApiCall call) {
        Policy policy = store.current();
        Map<String, NodeControl.SourceReport> reports = new LinkedHashMap<>();
        for (NodeControl.SourceReport r : node.sources()) reports.put(r.id(), r);
        List<Map<String, Object>> sources = new ArrayList<>();
        for (Map.Entry<String, String> s : policy.sourceHashes().entrySet()) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("id", s.getKey());
            out.put("version", s.getValue());
            out.put("entries", policy.entriesBySource().get(s.getKey()));
            NodeControl.SourceReport r = reports.get(s.getKey());
            if (r != null) status(r, out);
            sources.add(out);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("version", policy.contentHash());
        out.put("serial", policy.version());
        out.put("compiledAt", policy.compiledAt().toString());
        out.put("names", policy.distinctNames());
        out.put("urlHashes", policy.distinctUrlHashes());
        out.put("sources", sources);
        return completedFuture(ApiReply.json(200, out));
    }

    private static void status(NodeControl.SourceReport r, Map<String, Object> out) {
        out.put("format", r.format());
        out.put("status", r.state());
        out.put("lastChange", r.lastSuccess().map(Object::toString).orElse(null));
        out.put("lastAttempt", r.lastAttempt().map(Object::toString).orElse(null));
        out.put("badLines", r.errors());
        out.put("unsupportedLines", r.unsupported());
        out.put("lastError", r.lastError());
    }

    /** {@code ?after=<sequence>&limit=<n>}: the records after a sequence, oldest first, and where to go on. */
    CompletionStage<ApiReply> history(ApiCall call) {
        long after = call.longParam("after", 0, 0, Long.MAX_VALUE);
        int limit = (int) call.longParam("limit", 100, 1, MAX_HISTORY);
        List<HistorySource.Entry> records = history.records(after, limit);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("records", records);
        out.put("next", records.isEmpty() ? after : records.get(records.size() - 1).sequence());
        return completedFuture(ApiReply.json(200, out));
    }

    CompletionStage<ApiReply> openApi(ApiCall call) {
        return completedFuture(new ApiReply(200, "application/yaml", openApi, Map.of()));
    }

    private static byte[] openApi() {
        try (InputStream in = ReadEndpoints.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) throw new IllegalStateException(OPENAPI_RESOURCE + ": not on the class path (expected: in the jar)");
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(OPENAPI_RESOURCE + ": unreadable", e);
        }
    }
}
