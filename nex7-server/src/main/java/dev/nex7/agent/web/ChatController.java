package dev.nex7.agent.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import dev.nex7.agent.ContentBlock;
import dev.nex7.agent.ConversationId;
import dev.nex7.agent.Message;
import dev.nex7.agent.MessageId;
import dev.nex7.agent.chat.AgentTurns;
import dev.nex7.agent.chat.TurnSink;
import dev.nex7.identity.AuthenticatedUser;
import dev.nex7.platform.InvalidRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Talking to the agents: a message, the person's confirmation of a tool, a retry, each answered with
 * the turn as server-sent events — {@code message} (a MessageView, appended or changed), {@code delta}
 * ({@code {messageId, text}}), {@code agent} ({@code {agentId}}), {@code confirm}
 * ({@code {messageId, toolUseId, tool, input, description}}) and finally {@code done}
 * ({@code {status, currentAgentId}}). A person who closes the page does not stop the turn: the answer
 * is stored and shows when they come back; stop does.
 */
@RestController
@Tag(name = "Conversations")
class ChatController {

    private static final long TURN_TIMEOUT_MS = 15 * 60 * 1000L;

    record SayRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 20_000) String text) {
    }

    record ConfirmRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) Boolean approve) {
    }

    /** A tool call waiting for the person's confirmation, as the {@code confirm} event carries it. */
    record WaitingView(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) UUID messageId,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String toolUseId, @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String tool,
            Map<String, Object> input, @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String description) {
    }

    /** @param running whether an answer is being written now */
    record TurnView(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) boolean running,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) java.util.List<WaitingView> waiting) {
    }

    private final AgentTurns turns;

    ChatController(AgentTurns turns) {
        this.turns = turns;
    }

    @PostMapping(path = "/api/conversations/{conversationId}/messages", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Say something; the agents' answer streams back (server-sent events)",
            description = "`@dev …` addresses an agent directly. Events: message, delta, agent, confirm, done.")
    @ApiResponse(responseCode = "200", description = "The turn as server-sent events")
    @ApiResponse(responseCode = "409", description = "The conversation is answering already")
    SseEmitter say(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID conversationId, @RequestBody SayRequest request) {
        Emitter emitter = new Emitter();
        turns.say(new ConversationId(conversationId), user.id(), request.text(), emitter);
        return emitter.sse;
    }

    @PostMapping(path = "/api/conversations/{conversationId}/confirmations/{toolUseId}", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Approve or decline a tool an agent asked to use; the turn goes on (server-sent events)")
    @ApiResponse(responseCode = "200", description = "The rest of the turn as server-sent events")
    @ApiResponse(responseCode = "409", description = "No such tool call is waiting")
    SseEmitter confirm(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID conversationId, @PathVariable String toolUseId,
            @RequestBody ConfirmRequest request) {
        if (request.approve() == null) {
            throw new InvalidRequest("approve", "true to run the tool, false to decline");
        }
        Emitter emitter = new Emitter();
        turns.confirm(new ConversationId(conversationId), user.id(), toolUseId, request.approve(), emitter);
        return emitter.sse;
    }

    @PostMapping(path = "/api/conversations/{conversationId}/retry", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Answer your last message again (server-sent events)")
    @ApiResponse(responseCode = "200", description = "The turn as server-sent events")
    SseEmitter retry(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID conversationId) {
        Emitter emitter = new Emitter();
        turns.retry(new ConversationId(conversationId), user.id(), emitter);
        return emitter.sse;
    }

    @org.springframework.web.bind.annotation.GetMapping("/api/conversations/{conversationId}/turn")
    @Operation(summary = "Whether an answer is being written, and the tool call waiting for your confirmation (after a reload)")
    TurnView turn(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID conversationId) {
        AgentTurns.State state = turns.state(new ConversationId(conversationId), user.id());
        return new TurnView(state.running(), state.waiting().stream().map(waiting -> new WaitingView(waiting.toolCall().id().value(),
                waiting.use().id(), waiting.use().name(), waiting.use().input(), waiting.description())).toList());
    }

    @PostMapping("/api/conversations/{conversationId}/stop")
    @Operation(summary = "Stop the answer being written; what was written stays, marked stopped")
    @ApiResponse(responseCode = "202", description = "Stopping")
    @ApiResponse(responseCode = "409", description = "Nothing is being answered")
    ResponseEntity<Void> stop(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID conversationId) {
        turns.stop(new ConversationId(conversationId), user.id());
        return ResponseEntity.status(HttpStatus.ACCEPTED).build();
    }

    /** Sends a turn's events; a person who went away does not stop the turn. */
    private static final class Emitter implements TurnSink {

        final SseEmitter sse = new SseEmitter(TURN_TIMEOUT_MS);
        private volatile boolean gone;

        Emitter() {
            sse.onError(failure -> gone = true);
            sse.onTimeout(() -> gone = true);
        }

        @Override
        public void message(Message message) {
            send("message", ConversationViews.MessageView.of(message));
        }

        @Override
        public void delta(MessageId message, String text) {
            send("delta", Map.of("messageId", message.value(), "text", text));
        }

        @Override
        public void agent(String agentId) {
            send("agent", Map.of("agentId", agentId));
        }

        @Override
        public void confirm(Message toolCall, ContentBlock.ToolUse use, String description) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("messageId", toolCall.id().value());
            data.put("toolUseId", use.id());
            data.put("tool", use.name());
            data.put("input", use.input());
            data.put("description", description);
            send("confirm", data);
        }

        @Override
        public void done(String status, String currentAgentId) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("status", status);
            data.put("currentAgentId", currentAgentId);
            send("done", data);
            if (!gone) {
                sse.complete();
            }
        }

        private synchronized void send(String event, Object data) {
            if (gone) {
                return;
            }
            try {
                sse.send(SseEmitter.event().name(event).data(data, MediaType.APPLICATION_JSON));
            } catch (IOException | IllegalStateException away) {
                gone = true;
            }
        }
    }
}
