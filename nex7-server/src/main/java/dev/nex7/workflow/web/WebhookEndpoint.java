package dev.nex7.workflow.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.nex7.platform.ApiProblem;
import dev.nex7.platform.InvalidRequest;
import dev.nex7.platform.web.ProblemWriter;
import dev.nex7.workflow.ExecutionId;
import dev.nex7.workflow.WorkflowNotFound;
import dev.nex7.workflow.definition.NodeDefinition;
import dev.nex7.workflow.definition.Workflow;
import dev.nex7.workflow.engine.WebhookResponses;
import dev.nex7.workflow.engine.WorkflowEngine;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The public entry of webhook-triggered workflows: {@code /webhook/{token}}, where the token is the
 * workflow's secret. Unknown tokens and workflows without an active version with a webhook trigger
 * are 404; bodies over the limit are 413 (the body-size filter runs before this one).
 *
 * <p>It is a servlet filter that answers the request itself, ahead of Spring Security and the
 * dispatcher servlet: the endpoint is public (its token, and the optional HMAC signature, are its
 * credentials), so the security chain has nothing to decide, and the dispatcher's handler lookup,
 * argument resolution and message converters cost a webhook a third of its CPU time under load. The
 * request id, the body-size limit, the JSON parser's limits, the security headers and the Problem
 * Details answers are the same as everywhere else. Anything that is not exactly
 * {@code /webhook/<token>} goes on down the chain (and is not found there).
 */
class WebhookEndpoint extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(WebhookEndpoint.class);

    /** Tokens are 24 random bytes, base64url without padding; anything else is not a webhook address. */
    private static final Pattern PATH = Pattern.compile("/webhook/([A-Za-z0-9_-]{1,128})");

    /** Headers that are credentials of the caller's own, not data for the workflow. */
    private static final Set<String> DROPPED_HEADERS = Set.of("authorization", "cookie", "proxy-authorization");

    /** What the security chain adds to the API's answers; a Respond to webhook node may replace them. */
    private static final Map<String, String> SECURITY_HEADERS = Map.of(
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Cache-Control", "no-cache, no-store, max-age=0, must-revalidate",
            "Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'",
            "Referrer-Policy", "same-origin");

    private final WebhookRoutes routes;
    private final WorkflowEngine engine;
    private final WebhookResponses responses;
    private final WebhookSignatures signatures;
    private final JsonMapper json;
    private final ProblemWriter problems;

    WebhookEndpoint(WebhookRoutes routes, WorkflowEngine engine, WebhookResponses responses, WebhookSignatures signatures,
            JsonMapper json, ProblemWriter problems) {
        this.routes = routes;
        this.engine = engine;
        this.responses = responses;
        this.signatures = signatures;
        this.json = json;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Matcher path = PATH.matcher(request.getRequestURI());
        if (!request.getContextPath().isEmpty() || !path.matches()) {
            chain.doFilter(request, response);
            return;
        }
        SECURITY_HEADERS.forEach(response::setHeader);
        try {
            receive(path.group(1), request, response);
        } catch (ApiProblem problem) {
            problems.write(request, response, problem);
        } catch (RuntimeException failure) {
            log.error("Unexpected failure serving {} {}", request.getMethod(), request.getRequestURI(), failure);
            problems.write(request, response, HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                    "Something went wrong on our side. Quote the request id when reporting it.");
        }
    }

    private void receive(String token, HttpServletRequest request, HttpServletResponse response) throws IOException {
        WebhookRoutes.Route route = routes.find(token).orElseThrow(() -> new WorkflowNotFound("No active workflow listens at this address."));
        Workflow workflow = route.workflow();
        NodeDefinition trigger = route.trigger();
        Map<String, Object> parameters = trigger.parameters();
        String method = String.valueOf(parameters.getOrDefault("method", "POST"));
        if (!"ANY".equals(method) && !method.equalsIgnoreCase(request.getMethod())) {
            throw new MethodNotAccepted(method);
        }
        byte[] raw = request.getInputStream().readAllBytes();
        signatures.verify(workflow, trigger, request, raw);
        ExecutionId id = ExecutionId.random();
        String mode = String.valueOf(parameters.getOrDefault("responseMode", "immediately"));
        CompletableFuture<WebhookResponses.Reply> reply = mode.equals("immediately") ? null : responses.expect(id);
        try {
            WorkflowEngine.Start start = new WorkflowEngine.Start(id, workflow, route.definition(), workflow.activeVersion(), "webhook",
                    trigger.id(), payload(request, raw), Map.of(), Map.of(), null, null, null, 0, List.of());
            if ("low-latency".equals(parameters.get("executionMode"))) {
                engine.runInMemory(start);
            } else {
                engine.start(start);
            }
        } catch (RuntimeException failure) {
            responses.forget(id);
            throw failure;
        }
        if (reply == null) {
            response.setStatus(HttpStatus.ACCEPTED.value());
            writeJson(response, Map.of("executionId", id.toString()));
            return;
        }
        long timeout = ((Number) parameters.getOrDefault("responseTimeoutMs", 30_000)).longValue();
        WebhookResponses.Reply answer = await(reply, id, timeout);
        response.setStatus(answer.status());
        answer.headers().forEach((name, values) -> {
            for (int i = 0; i < values.size(); i++) {
                if (i == 0) {
                    response.setHeader(name, values.get(i)); // replaces a security header of the same name
                } else {
                    response.addHeader(name, values.get(i));
                }
            }
        });
        if (answer.body() instanceof String text) {
            if (answer.headers().keySet().stream().noneMatch(name -> name.equalsIgnoreCase("content-type"))) {
                response.setContentType(MediaType.TEXT_PLAIN_VALUE);
            }
            response.setCharacterEncoding(StandardCharsets.UTF_8);
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            response.setContentLength(bytes.length);
            response.getOutputStream().write(bytes);
        } else if (answer.body() != null) {
            writeJson(response, answer.body());
        }
    }

    private WebhookResponses.Reply await(CompletableFuture<WebhookResponses.Reply> reply, ExecutionId id, long timeout) {
        try {
            return reply.get(timeout, TimeUnit.MILLISECONDS);
        } catch (TimeoutException slow) {
            responses.forget(id);
            throw new NoResponse(id, timeout);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new NoResponse(id, timeout);
        } catch (ExecutionException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private void writeJson(HttpServletResponse response, Object body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    private Map<String, Object> payload(HttpServletRequest request, byte[] raw) {
        Map<String, Object> headers = new LinkedHashMap<>();
        for (String name : java.util.Collections.list(request.getHeaderNames())) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!DROPPED_HEADERS.contains(lower)) {
                headers.put(lower, request.getHeader(name));
            }
        }
        Map<String, Object> query = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, values) -> query.put(name, values.length == 1 ? values[0] : List.of(values)));
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("method", request.getMethod());
        payload.put("headers", headers);
        payload.put("query", query);
        payload.put("body", body(request.getContentType(), raw));
        return payload;
    }

    private Object body(String contentType, byte[] raw) {
        if (raw.length == 0) {
            return null;
        }
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).contains("json")) {
            try {
                return json.readValue(raw, Object.class);
            } catch (JacksonException invalid) {
                throw new InvalidRequest("body", "The body is not valid JSON.");
            }
        }
        return new String(raw, StandardCharsets.UTF_8);
    }

    /** The webhook listens for another method. */
    static final class MethodNotAccepted extends ApiProblem {
        MethodNotAccepted(String method) {
            super(HttpStatus.METHOD_NOT_ALLOWED, "webhook-method", "Method not accepted", "This webhook accepts " + method + " requests.");
        }
    }

    /** The workflow did not answer in time; it keeps running. */
    static final class NoResponse extends ApiProblem {
        NoResponse(ExecutionId id, long timeout) {
            super(HttpStatus.GATEWAY_TIMEOUT, "webhook-no-response", "The workflow did not respond in time",
                    "Execution " + id + " did not respond within " + timeout + " ms; it keeps running.");
        }
    }
}
