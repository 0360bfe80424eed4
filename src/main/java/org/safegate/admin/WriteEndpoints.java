package org.safegate.admin;

import static java.util.concurrent.CompletableFuture.completedFuture;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The endpoints that change something: reload, pushes, held versions. Thread-safe. */
final class WriteEndpoints {
    private static final Logger log = LoggerFactory.getLogger(WriteEndpoints.class);

    private final NodeControl node;
    private final PushTarget pushes;
    private final HeldVersions held;

    WriteEndpoints(NodeControl node, PushTarget pushes, HeldVersions held) {
        this.node = node;
        this.pushes = pushes;
        this.held = held;
    }

    /** 200 with the version in force, or 422 with the config's problems (nothing changed). */
    CompletionStage<ApiReply> reload(ApiCall call) {
        NodeControl.ReloadOutcome outcome = node.reload();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("applied", outcome.applied());
        out.put("policyVersion", outcome.policyVersion());
        out.put("needRestart", outcome.needRestart());
        if (outcome.applied()) return completedFuture(ApiReply.json(200, out));
        out.put("error", "config rejected; the settings in force stay");
        out.put("field", "config");
        out.put("problems", outcome.problems());
        return completedFuture(ApiReply.json(422, out));
    }

    CompletionStage<ApiReply> changes(ApiCall call) {
        return push(PushParser.changes(call.params().get("id"), call.caller().name(), call.body()));
    }

    CompletionStage<ApiReply> replace(ApiCall call) {
        return push(PushParser.replace(call.params().get("id"), call.caller().name(), call.body()));
    }

    /** 202 once the target holds the batch durably; 200 for a repeated idempotency key. */
    private CompletionStage<ApiReply> push(PushBatch batch) {
        return pushes.accept(batch).thenApply(receipt -> {
            log.info("event=push_accepted token={} source={} kind={} added={} removed={} sequence={} repeated={}",
                    batch.caller(), batch.sourceId(), batch.kind(), batch.add().size(), batch.remove().size(),
                    receipt.sequence(), receipt.repeated());
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("source", batch.sourceId());
            out.put("idempotencyKey", batch.idempotencyKey());
            out.put("sequence", receipt.sequence());
            out.put("repeated", receipt.repeated());
            out.put("added", batch.add().size());
            out.put("removed", batch.remove().size());
            return ApiReply.json(receipt.repeated() ? 200 : 202, out);
        });
    }

    CompletionStage<ApiReply> held(ApiCall call) {
        String id = call.params().get("id");
        HeldVersions.Held h = held.held(id)
                .orElseThrow(() -> new ApiException(404, "source " + id + " holds no version", "id"));
        return completedFuture(ApiReply.json(200, h));
    }

    CompletionStage<ApiReply> accept(ApiCall call) {
        return decide(call, true);
    }

    CompletionStage<ApiReply> reject(ApiCall call) {
        return decide(call, false);
    }

    private CompletionStage<ApiReply> decide(ApiCall call, boolean accept) {
        String id = call.params().get("id");
        return held.decide(id, accept, call.caller().name()).thenApply(d -> {
            log.info("event=held_version_decided token={} source={} accepted={} policy_version={}",
                    call.caller().name(), id, d.accepted(), d.policyVersion());
            return ApiReply.json(200, d);
        });
    }
}
