package dev.nex7.workflow.web;

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

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.nex7.platform.ApiProblem;
import dev.nex7.workflow.ExecutionId;
import dev.nex7.workflow.WorkflowNotFound;
import dev.nex7.workflow.definition.NodeDefinition;
import dev.nex7.workflow.definition.Workflow;
import dev.nex7.workflow.definition.WorkflowDefinition;
import dev.nex7.workflow.engine.WebhookResponses;
import dev.nex7.workflow.engine.WorkflowEngine;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.json.JsonMapper;

/**
 * The public entry of webhook-triggered workflows: {@code /webhook/{token}}, where the token is the
 * workflow's secret. Unknown tokens and workflows without an active version with a webhook trigger
 * are 404; bodies over the limit are 413 (before anything runs).
 */
@RestController
@Tag(name = "Webhooks")
class WebhookController {

    /** Headers that are credentials of the caller's own, not data for the workflow. */
    private static final Set<String> DROPPED_HEADERS = Set.of("authorization", "cookie", "proxy-authorization");

    private final WebhookRoutes routes;
    private final WorkflowEngine engine;
    private final WebhookResponses responses;
    private final WebhookSignatures signatures;
    private final JsonMapper json;

    WebhookController(WebhookRoutes routes, WorkflowEngine engine, WebhookResponses responses, WebhookSignatures signatures,
            JsonMapper json) {
        this.routes = routes;
        this.engine = engine;
        this.responses = responses;
        this.signatures = signatures;
        this.json = json;
    }

    @RequestMapping("/webhook/{token}")
    @Operation(summary = "Start the workflow whose webhook URL this is (public; the token is the secret)",
            description = "Runs the active version. Answers 202 with the execution id, or what its Respond to webhook node sends.")
    @ApiResponse(responseCode = "202", description = "Started")
    @ApiResponse(responseCode = "404", description = "No active workflow listens here")
    @ApiResponse(responseCode = "405", description = "The webhook accepts another method")
    ResponseEntity<Object> receive(@PathVariable String token, HttpServletRequest request,
            @RequestBody(required = false) byte[] body) {
        WebhookRoutes.Route route = routes.find(token).orElseThrow(() -> new WorkflowNotFound("No active workflow listens at this address."));
        Workflow workflow = route.workflow();
        WorkflowDefinition definition = route.definition();
        NodeDefinition trigger = route.trigger();
        Map<String, Object> parameters = trigger.parameters();
        String method = String.valueOf(parameters.getOrDefault("method", "POST"));
        if (!"ANY".equals(method) && !method.equalsIgnoreCase(request.getMethod())) {
            throw new MethodNotAccepted(method);
        }
        byte[] raw = body == null ? new byte[0] : body;
        signatures.verify(workflow, trigger, request, raw);
        ExecutionId id = ExecutionId.random();
        String mode = String.valueOf(parameters.getOrDefault("responseMode", "immediately"));
        CompletableFuture<WebhookResponses.Reply> reply = mode.equals("immediately") ? null : responses.expect(id);
        try {
            WorkflowEngine.Start start = new WorkflowEngine.Start(id, workflow, definition, workflow.activeVersion(), "webhook", trigger.id(),
                    payload(request, raw), Map.of(), Map.of(), null, null, null, 0, List.of());
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
            return ResponseEntity.accepted().body(Map.of("executionId", id.toString()));
        }
        long timeout = ((Number) parameters.getOrDefault("responseTimeoutMs", 30_000)).longValue();
        try {
            WebhookResponses.Reply answer = reply.get(timeout, TimeUnit.MILLISECONDS);
            ResponseEntity.BodyBuilder builder = ResponseEntity.status(answer.status());
            answer.headers().forEach((name, values) -> builder.header(name, values.toArray(String[]::new)));
            if (answer.body() instanceof String text) {
                return builder.contentType(answer.headers().keySet().stream().anyMatch(name -> name.equalsIgnoreCase("content-type"))
                        ? null : MediaType.TEXT_PLAIN).body(text);
            }
            return builder.contentType(MediaType.APPLICATION_JSON).body(answer.body());
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
        String text = new String(raw, StandardCharsets.UTF_8);
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).contains("json")) {
            try {
                return json.readValue(text, Object.class);
            } catch (tools.jackson.core.JacksonException invalid) {
                throw new dev.nex7.platform.InvalidRequest("body", "The body is not valid JSON.");
            }
        }
        return text;
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
