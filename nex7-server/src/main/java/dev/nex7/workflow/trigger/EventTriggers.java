package dev.nex7.workflow.trigger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.stereotype.Component;

import dev.nex7.workflow.TriggerEvent;
import dev.nex7.workflow.definition.DefinitionCodec;
import dev.nex7.workflow.expression.ExpressionFailure;
import dev.nex7.workflow.expression.Expressions;
import dev.nex7.workflow.nodes.EventTrigger;
import dev.nex7.workflow.trigger.EventSubscriptions.Kind;
import dev.nex7.workflow.trigger.EventSubscriptions.Subscription;
import dev.nex7.workflow.trigger.TriggerStarts.Active;

/**
 * Starts the workflows whose event trigger listens for an event that happened in their project.
 * An event is heard in the transaction that publishes it, and the executions it starts are queued in
 * that transaction: they are stored exactly when what the event reports is, without an outbox round
 * trip for every event (a finished execution publishes one, and most start nothing). Starting them
 * runs under a savepoint: a failure is logged and never undoes the publisher's work. The execution id
 * is derived from the event, so an event starts each listening workflow once.
 *
 * <p>No chains: a workflow's own events never start it, and events of executions that an event or
 * error trigger started start nothing (see {@link TriggerEvent}).
 */
@Component
class EventTriggers {

    private static final Logger log = LoggerFactory.getLogger(EventTriggers.class);

    private final EventSubscriptions subscriptions;
    private final TriggerStarts starts;
    private final Expressions expressions;
    private final DefinitionCodec codec;
    /** A savepoint in the publisher's transaction (a transaction of its own when there is none). */
    private final TransactionTemplate savepoint;

    EventTriggers(EventSubscriptions subscriptions, TriggerStarts starts, Expressions expressions, DefinitionCodec codec,
            PlatformTransactionManager transactions) {
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.subscriptions = subscriptions;
        this.starts = starts;
        this.expressions = expressions;
        this.codec = codec;
    }

    @EventListener
    void on(TriggerEvent event) {
        if (TriggerStarts.startedByTrigger(event.originMode())) {
            return;
        }
        List<Subscription> listening = subscriptions.listening(event.projectId(), Kind.EVENT, event.type());
        if (listening.isEmpty()) {
            return; // the usual case: one indexed read in the publisher's transaction
        }
        try {
            savepoint.executeWithoutResult(status -> start(event, listening));
        } catch (RuntimeException failure) {
            log.error("Could not start the workflows of project {} that listen for a {} event; the event itself is kept",
                    event.projectId(), event.type(), failure);
        }
    }

    private void start(TriggerEvent event, List<Subscription> listening) {
        String occurrence = null;
        for (Subscription subscription : listening) {
            if (subscription.workflowId().equals(event.originWorkflow())) {
                continue;
            }
            Optional<Active> active = starts.active(subscription.workflowId(), subscription.nodeId(), EventTrigger.TYPE);
            if (active.isEmpty() || !accepts(active.get(), event)) {
                continue;
            }
            occurrence = occurrence == null ? occurrence(event) : occurrence;
            Map<String, Object> input = new LinkedHashMap<>();
            input.put("type", event.type());
            input.put("payload", event.payload());
            starts.start(active.get(), "event", occurrence, input);
        }
    }

    private boolean accepts(Active active, TriggerEvent event) {
        try {
            return EventTrigger.accepts(active.node().parameters(), event.payload(), expressions);
        } catch (ExpressionFailure failure) {
            log.warn("The filter of event trigger {} in workflow {} failed on a {} event, so it did not start: {}",
                    active.node().id(), active.workflow().id(), event.type(), failure.getMessage());
            return false;
        }
    }

    /** The same event (project, type, payload) gives the same text: a stable name for it. */
    private String occurrence(TriggerEvent event) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((event.projectId() + "\n" + event.type() + "\n"
                    + codec.toJson(event.payload())).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
