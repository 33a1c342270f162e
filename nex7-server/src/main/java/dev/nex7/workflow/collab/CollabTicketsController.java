package dev.nex7.workflow.collab;

import java.time.Instant;
import java.util.UUID;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.nex7.identity.AuthenticatedUser;
import dev.nex7.project.ProjectRole;
import dev.nex7.workflow.WorkflowId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

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

    private final CollabTickets tickets;
    private final CollabAccess access;

    CollabTicketsController(CollabTickets tickets, CollabAccess access) {
        this.tickets = tickets;
        this.access = access;
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
