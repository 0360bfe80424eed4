package org.safegate.admin;

import static java.util.concurrent.CompletableFuture.completedFuture;

import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.safegate.config.AdminSettings.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control API under {@code /v1/}: finds the route (404, 405), authenticates the bearer token
 * (401) and checks its role and, for a regulator, its grant of the source (403), then runs the
 * handler on the worker executor, never on the event loop. The token never reaches a log; on
 * success the token's name does. Thread-safe.
 */
final class Api {
    private static final Logger log = LoggerFactory.getLogger(Api.class);
    private static final String CHALLENGE = "Bearer realm=\"safegate\"";

    private final List<Route> routes;
    private final Tokens tokens;
    private final ExecutorService worker;

    Api(List<Route> routes, Tokens tokens, ExecutorService worker) {
        this.routes = List.copyOf(routes);
        this.tokens = tokens;
        this.worker = worker;
    }

    List<Route> routes() {
        return routes;
    }

    /** Called on the event loop; copies what it needs out of {@code request}, which the caller releases. */
    CompletionStage<ApiReply> handle(FullHttpRequest request) {
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        String path = uri.path();
        String method = request.method().name();
        List<String> segments = Route.split(path);
        List<String> allowed = new ArrayList<>();
        for (Route route : routes) {
            Map<String, String> params = route.match(segments);
            if (params == null) continue;
            if (!route.method().equals(method)) {
                allowed.add(route.method());
                continue;
            }
            return authorised(route, params, uri, request, path);
        }
        if (allowed.isEmpty()) return completedFuture(ApiReply.error(new ApiException(404, "no such path: " + path
                + " (expected: one of the paths in /v1/openapi.yaml)", "path")));
        return completedFuture(ApiReply.error(new ApiException(405, method + " not allowed on " + path
                + " (expected: " + String.join(", ", allowed) + ")", "method"), Map.of("allow", String.join(", ", allowed))));
    }

    private CompletionStage<ApiReply> authorised(Route route, Map<String, String> params, QueryStringDecoder uri,
                                                 FullHttpRequest request, String path) {
        Caller caller = null;
        if (!route.isPublic()) {
            String authorization = request.headers().get(HttpHeaderNames.AUTHORIZATION);
            Optional<Caller> known = tokens.authenticate(authorization);
            if (known.isEmpty()) {
                // Neither the header nor the token, nor a hint which token was near: only that it failed
                log.debug("event=admin_unauthenticated method={} path={} token_given={}", route.method(), path, authorization != null);
                String challenge = authorization == null ? CHALLENGE : CHALLENGE + ", error=\"invalid_token\"";
                return completedFuture(ApiReply.error(new ApiException(401, authorization == null
                        ? "no bearer token (expected: Authorization: Bearer <token>)" : "token not recognised", "Authorization"),
                        Map.of("www-authenticate", challenge)));
            }
            caller = known.get();
            ApiException refused = refusal(route, caller, params);
            if (refused != null) {
                log.info("event=admin_forbidden token={} role={} method={} path={}", caller.name(), role(caller.role()), route.method(), path);
                return completedFuture(ApiReply.error(refused));
            }
        }
        ApiCall call = new ApiCall(caller, params, uri.parameters(), ByteBufUtil.getBytes(request.content()));
        return run(route, call, path);
    }

    private static ApiException refusal(Route route, Caller caller, Map<String, String> params) {
        if (!route.roles().contains(caller.role()))
            return new ApiException(403, "role " + role(caller.role()) + " may not " + route.method() + " " + route.template()
                    + " (expected: " + String.join(" or ", route.roles().stream().map(Api::role).sorted().toList()) + ")", "Authorization");
        if (route.grantedSource() && caller.role() == Role.REGULATOR && !caller.sources().contains(params.get("id")))
            return new ApiException(403, "token " + caller.name() + " is not granted source " + params.get("id")
                    + " (expected: one of " + caller.sources().stream().sorted().toList() + ")", "id");
        return null;
    }

    private CompletionStage<ApiReply> run(Route route, ApiCall call, String path) {
        CompletableFuture<ApiReply> reply = new CompletableFuture<>();
        try {
            worker.execute(() -> {
                try {
                    route.handler().handle(call).whenComplete((r, e) -> {
                        if (e == null) reply.complete(r);
                        else reply.complete(failure(e, route, path));
                    });
                } catch (RuntimeException e) {
                    reply.complete(failure(e, route, path));
                }
            });
        } catch (RejectedExecutionException e) {
            return completedFuture(ApiReply.error(new ApiException(503, "busy: too many calls in progress, retry later", "")));
        }
        return reply.thenApply(r -> {
            if (call.caller() != null) {
                // Changes at INFO (rare, and the audit wants them), reads at DEBUG
                if (route.method().equals("GET")) log.debug("event=admin_call token={} method=GET path={} status={}", call.caller().name(), path, r.status());
                else log.info("event=admin_call token={} method={} path={} status={}", call.caller().name(), route.method(), path, r.status());
            }
            return r;
        });
    }

    private static ApiReply failure(Throwable e, Route route, String path) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof ApiException api) return ApiReply.error(api);
        log.error("event=admin_call_failed method={} path={} error=\"{}\"", route.method(), path, cause.toString(), cause);
        return ApiReply.error(new ApiException(500, "internal error; the node's log has the details", ""));
    }

    static String role(Role role) {
        return role.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Every route of the API; the OpenAPI description lists exactly these (a test checks). */
    static List<Route> routes(ReadEndpoints read, WriteEndpoints write) {
        Set<Role> readers = Set.of(Role.OPERATOR, Role.AUDITOR);
        Set<Role> operator = Set.of(Role.OPERATOR);
        return List.of(
                new Route("GET", "/v1/openapi.yaml", Set.of(), false, read::openApi),
                new Route("GET", "/v1/lookup", Set.of(Role.REGULATOR, Role.OPERATOR, Role.AUDITOR), false, read::lookup),
                new Route("GET", "/v1/policy", readers, false, read::policy),
                new Route("GET", "/v1/history", readers, false, read::history),
                new Route("POST", "/v1/reload", operator, false, write::reload),
                new Route("PUT", "/v1/sources/{id}", Set.of(Role.REGULATOR), true, write::replace),
                new Route("POST", "/v1/sources/{id}/changes", Set.of(Role.REGULATOR), true, write::changes),
                new Route("GET", "/v1/sources/{id}/held", operator, false, write::held),
                new Route("POST", "/v1/sources/{id}/held/accept", operator, false, write::accept),
                new Route("POST", "/v1/sources/{id}/held/reject", operator, false, write::reject));
    }
}
