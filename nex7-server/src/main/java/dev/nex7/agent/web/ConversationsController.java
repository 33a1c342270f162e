package dev.nex7.agent.web;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.nex7.agent.Conversation;
import dev.nex7.agent.ConversationId;
import dev.nex7.agent.Conversations;
import dev.nex7.agent.web.ConversationViews.ConversationView;
import dev.nex7.agent.web.ConversationViews.CreateConversationRequest;
import dev.nex7.agent.web.ConversationViews.MessageView;
import dev.nex7.agent.web.ConversationViews.SummaryView;
import dev.nex7.agent.web.ConversationViews.UpdateConversationRequest;
import dev.nex7.identity.AuthenticatedUser;
import dev.nex7.platform.InvalidRequest;
import dev.nex7.platform.PageQuery;
import dev.nex7.platform.PageView;
import dev.nex7.project.ProjectId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * A person's conversations with the agents. Each is its person's alone: someone else's id answers
 * 404, as if it did not exist. Sending a message and streaming the answer is the chat's job.
 */
@RestController
@Tag(name = "Conversations")
class ConversationsController {

    static final String MARKDOWN = "text/markdown";
    private static final String NOT_FOUND = "No such conversation (or it is someone else's)";

    private final Conversations conversations;

    ConversationsController(Conversations conversations) {
        this.conversations = conversations;
    }

    @GetMapping("/api/conversations")
    @Operation(operationId = "listConversations", summary = "Your conversations, most recently active first",
            description = "q: words the title or a message contains (each as a word prefix); projectId: bound to that project.")
    @ApiResponse(responseCode = "200", description = "A page of conversations")
    @ApiResponse(responseCode = "400", description = "Invalid page, size or q")
    PageView<ConversationView> listConversations(@AuthenticationPrincipal AuthenticatedUser user,
            @RequestParam(required = false) String q, @RequestParam(required = false) UUID projectId,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        PageView<Conversation> found = conversations.list(user.id(), q, projectId == null ? null : new ProjectId(projectId),
                PageQuery.parse(page, size, null, Conversations.SORTS, "updatedAt,desc"));
        return new PageView<>(found.items().stream().map(ConversationView::of).toList(), found.page(), found.size(),
                found.totalItems(), found.totalPages());
    }

    @PostMapping("/api/conversations")
    @Operation(operationId = "createConversation", summary = "Start a conversation")
    @ApiResponse(responseCode = "201", description = "Created")
    @ApiResponse(responseCode = "400", description = "Invalid title, or an agent that is unknown or switched off in the project")
    @ApiResponse(responseCode = "404", description = "No such project, or you are not a member")
    ResponseEntity<ConversationView> createConversation(@AuthenticationPrincipal AuthenticatedUser user,
            @RequestBody CreateConversationRequest request) {
        Conversation created = conversations.create(user.id(), request.title(),
                request.projectId() == null ? null : new ProjectId(request.projectId()), request.agentId());
        return ResponseEntity.created(URI.create("/api/conversations/" + created.id())).body(ConversationView.of(created));
    }

    @GetMapping("/api/conversations/{conversationId}")
    @Operation(operationId = "getConversation", summary = "A conversation, with its current agent")
    @ApiResponse(responseCode = "200", description = "The conversation")
    @ApiResponse(responseCode = "404", description = NOT_FOUND)
    ConversationView getConversation(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID conversationId) {
        return ConversationView.of(conversations.find(new ConversationId(conversationId), user.id()));
    }

    @PatchMapping("/api/conversations/{conversationId}")
    @Operation(operationId = "updateConversation", summary = "Rename a conversation, or bind it to a project or none",
            description = "When the current agent is switched off in the new project, Nexy takes over.")
    @ApiResponse(responseCode = "200", description = "The conversation as changed")
    @ApiResponse(responseCode = "400", description = "Invalid title")
    @ApiResponse(responseCode = "404", description = NOT_FOUND + "; or no such project, or you are not a member")
    ConversationView updateConversation(@AuthenticationPrincipal AuthenticatedUser user,
            @PathVariable UUID conversationId, @RequestBody UpdateConversationRequest request) {
        return ConversationView.of(conversations.update(new ConversationId(conversationId), user.id(), request.changes()));
    }

    @DeleteMapping("/api/conversations/{conversationId}")
    @Operation(operationId = "deleteConversation", summary = "Delete a conversation with its messages")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", description = NOT_FOUND)
    ResponseEntity<Void> deleteConversation(@AuthenticationPrincipal AuthenticatedUser user,
            @PathVariable UUID conversationId) {
        conversations.delete(new ConversationId(conversationId), user.id());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/conversations/{conversationId}/messages")
    @Operation(operationId = "listConversationMessages", summary = "Messages after afterSeq, oldest first",
            description = "A consultation's own messages are included with the consultation's id as parentId. "
                    + "Read on with afterSeq = the last seq you got.")
    @ApiResponse(responseCode = "200", description = "Up to limit messages")
    @ApiResponse(responseCode = "400", description = "afterSeq below 0 or limit outside 1 to 500")
    @ApiResponse(responseCode = "404", description = NOT_FOUND)
    List<MessageView> listConversationMessages(@AuthenticationPrincipal AuthenticatedUser user,
            @PathVariable UUID conversationId, @RequestParam(defaultValue = "0") long afterSeq,
            @RequestParam(defaultValue = "100") int limit) {
        if (afterSeq < 0) {
            throw new InvalidRequest("afterSeq", "must be 0 or more");
        }
        return conversations.messages(new ConversationId(conversationId), user.id(), afterSeq, limit).stream()
                .map(MessageView::of).toList();
    }

    @GetMapping("/api/conversations/{conversationId}/summary")
    @Operation(operationId = "getConversationSummary", summary = "The rolling summary of the older messages")
    @ApiResponse(responseCode = "200", description = "The summary; text is null while there is none")
    @ApiResponse(responseCode = "404", description = NOT_FOUND)
    SummaryView getConversationSummary(@AuthenticationPrincipal AuthenticatedUser user,
            @PathVariable UUID conversationId) {
        return conversations.summary(new ConversationId(conversationId), user.id())
                .map(summary -> new SummaryView(summary.text(), summary.throughSeq()))
                .orElse(new SummaryView(null, 0));
    }

    @GetMapping(path = "/api/conversations/{conversationId}/export", produces = MARKDOWN)
    @Operation(operationId = "exportConversation", summary = "Download the conversation as Markdown",
            description = "Handoffs as quotes; consultations and tool calls as collapsed details, tool inputs as JSON.")
    @ApiResponse(responseCode = "200", description = "The Markdown document")
    @ApiResponse(responseCode = "404", description = NOT_FOUND)
    ResponseEntity<String> exportConversation(@AuthenticationPrincipal AuthenticatedUser user,
            @PathVariable UUID conversationId) {
        ConversationId id = new ConversationId(conversationId);
        String markdown = conversations.export(id, user.id());
        String title = conversations.find(id, user.id()).title();
        String fileName = title.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^-+|-+$", "");
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename((fileName.isEmpty() ? "conversation" : fileName) + ".md").build().toString())
                .header(HttpHeaders.CONTENT_TYPE, MARKDOWN + ";charset=UTF-8")
                .body(markdown);
    }
}
