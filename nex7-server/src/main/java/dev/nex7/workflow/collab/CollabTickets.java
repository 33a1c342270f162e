package dev.nex7.workflow.collab;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.nex7.identity.UserId;
import dev.nex7.workflow.WorkflowId;

/**
 * Short-lived tickets that open a collaboration WebSocket. A browser cannot send an
 * {@code Authorization} header with a WebSocket, so it asks for a ticket with its bearer token and
 * passes the ticket in the URL. A ticket names one user and one workflow, and opens connections until
 * it expires (so that a dropped connection comes back at once); the role is checked again at each
 * handshake. Tickets live in memory: one instance is enough for now (several would share them through
 * Redis, like the other short-lived state).
 */
@Component
class CollabTickets {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** An issued ticket. */
    record Ticket(String value, WorkflowId workflow, UserId user, Instant expiresAt) {
    }

    private final CollabSettings settings;
    private final Clock clock;
    private final Cache<String, Ticket> tickets;

    CollabTickets(CollabSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        // Expiry is decided by the injected clock; the cache only forgets tickets well after they expired.
        this.tickets = Caffeine.newBuilder().expireAfterWrite(settings.ticketLifetime().multipliedBy(10))
                .maximumSize(100_000).build();
    }

    Ticket issue(WorkflowId workflow, UserId user) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        Ticket ticket = new Ticket(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), workflow, user,
                clock.instant().plus(settings.ticketLifetime()));
        tickets.put(ticket.value(), ticket);
        return ticket;
    }

    /** The ticket, when it exists and has not expired. */
    Optional<Ticket> find(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        Ticket ticket = tickets.getIfPresent(value);
        if (ticket == null || !clock.instant().isBefore(ticket.expiresAt())) {
            return Optional.empty();
        }
        return Optional.of(ticket);
    }
}
