package dev.nex7.workflow.collab;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.nex7.identity.AuthenticatedUser;
import dev.nex7.platform.ApiProblem;
import dev.nex7.platform.InvalidRequest;
import dev.nex7.project.ProjectRole;
import dev.nex7.workflow.WorkflowId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** Tickets that open the collaboration WebSocket of a workflow's draft. */
@RestController
@Tag(name = "Workflows")
class CollabTicketsController {

    /**
     * A ticket for the collaboration WebSocket.
     *
     * @param ticket pass as {@code ?ticket=} to {@code path}
     * @param path the WebSocket's path ({@code ws(s)://host} + path)
     * @param role the caller's role: {@code viewer}s receive edits but their own are refused
     * @param expiresAt until when the ticket opens connections (it may open several until then)
     */
    record TicketView(String ticket, String path, ProjectRole role, Instant expiresAt) {
    }

    /** @param stateVector the editor's Yjs state vector (base64 of {@code Y.encodeStateVector(doc)}) */
    record FlushRequest(@NotNull String stateVector) {
    }

    /** How long a flush waits for the caller's edits to arrive on its socket. */
    private static final Duration FLUSH_PATIENCE = Duration.ofSeconds(10);

    private final CollabTickets tickets;
    private final CollabAccess access;
    private final DraftRooms rooms;

    CollabTicketsController(CollabTickets tickets, CollabAccess access, DraftRooms rooms) {
        this.tickets = tickets;
        this.access = access;
        this.rooms = rooms;
    }

    @PostMapping("/api/workflows/{workflowId}/collab/flush")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Make the draft hold everything your live document has (editor)",
            description = "Waits until the edits of a document with this state vector have reached the server, then saves the "
                    + "merged document as the draft at once (instead of shortly after): call it before running or versioning.")
    @ApiResponse(responseCode = "204", description = "The draft holds every edit of that state")
    @ApiResponse(responseCode = "400", description = "The state vector is not base64 of a Yjs state vector")
    @ApiResponse(responseCode = "403", description = "You are a viewer of the workflow's project")
    @ApiResponse(responseCode = "404", description = "No such workflow, or you are not a member of its project")
    @ApiResponse(responseCode = "409", description = "Those edits have not reached the server (yet): try again once connected")
    void flush(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID workflowId, @Valid @RequestBody FlushRequest request)
            throws InterruptedException {
        WorkflowId workflow = new WorkflowId(workflowId);
        access.requireEditor(workflow, user.id());
        Map<Long, Long> state;
        try {
            state = YUpdate.readStateVector(Base64.getDecoder().decode(request.stateVector()));
        } catch (IllegalArgumentException | Lib0.Malformed notAStateVector) {
            throw new InvalidRequest("stateVector", "Not base64 of a Yjs state vector.");
        }
        if (!rooms.flush(workflow, state, FLUSH_PATIENCE)) {
            throw new EditsNotArrived();
        }
    }

    /** The caller's edits have not reached the server within the flush's patience. */
    static final class EditsNotArrived extends ApiProblem {
        EditsNotArrived() {
            super(HttpStatus.CONFLICT, "collab-edits-not-arrived", "Your edits have not reached the server",
                    "The live document's latest edits did not arrive in time; check the connection and try again.");
        }
    }

    @PostMapping("/api/workflows/{workflowId}/collab/tickets")
    @Operation(summary = "A short-lived ticket for the workflow's collaboration WebSocket (viewer)",
            description = "Open ws(s)://host{path}?ticket={ticket} with y-websocket's WebsocketProvider "
                    + "(serverUrl ws(s)://host/api/collab/workflows, room = the workflow id, params {ticket}).")
    @ApiResponse(responseCode = "200", description = "The ticket")
    @ApiResponse(responseCode = "404", description = "No such workflow, or you are not a member of its project")
    TicketView issue(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID workflowId) {
        WorkflowId workflow = new WorkflowId(workflowId);
        ProjectRole role = access.roleIn(workflow, user.id());
        CollabTickets.Ticket ticket = tickets.issue(workflow, user.id());
        return new TicketView(ticket.value(), "/api/collab/workflows/" + workflowId, role, ticket.expiresAt());
    }
}
