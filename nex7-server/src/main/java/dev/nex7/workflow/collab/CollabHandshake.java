package dev.nex7.workflow.collab;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.UriComponentsBuilder;

import dev.nex7.platform.ApiProblem;
import dev.nex7.project.ProjectRole;
import dev.nex7.workflow.WorkflowId;

/**
 * Lets a WebSocket open only with a valid ticket for the workflow in the path, and only while the
 * ticket's user still is a member of its project: otherwise the handshake is answered 401 (no valid
 * ticket) or 403 (a ticket for another workflow, or no longer a member) and no socket is opened.
 */
@Component
class CollabHandshake implements HandshakeInterceptor {

    static final String CONNECTION = "nex7.collab.connection";

    private final CollabTickets tickets;
    private final CollabAccess access;

    CollabHandshake(CollabTickets tickets, CollabAccess access) {
        this.tickets = tickets;
        this.access = access;
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
            Map<String, Object> attributes) {
        String ticketValue = UriComponentsBuilder.fromUri(request.getURI()).build().getQueryParams().getFirst("ticket");
        Optional<CollabTickets.Ticket> ticket = tickets.find(ticketValue);
        if (ticket.isEmpty()) {
            response.setStatusCode(HttpStatus.UNAUTHORIZED);
            return false;
        }
        Optional<WorkflowId> workflow = workflowOf(request.getURI().getPath());
        if (workflow.isEmpty() || !workflow.get().equals(ticket.get().workflow())) {
            response.setStatusCode(HttpStatus.FORBIDDEN);
            return false;
        }
        ProjectRole role;
        try {
            role = access.roleIn(workflow.get(), ticket.get().user());
        } catch (ApiProblem notMember) {
            response.setStatusCode(HttpStatus.FORBIDDEN);
            return false;
        }
        attributes.put(CONNECTION, new CollabAccess.Grant(workflow.get(), ticket.get().user(), role.includes(ProjectRole.EDITOR)));
        return true;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
            Exception failure) {
    }

    private static Optional<WorkflowId> workflowOf(String path) {
        String last = path.substring(path.lastIndexOf('/') + 1);
        try {
            return Optional.of(new WorkflowId(UUID.fromString(last)));
        } catch (IllegalArgumentException notAnId) {
            return Optional.empty();
        }
    }
}
