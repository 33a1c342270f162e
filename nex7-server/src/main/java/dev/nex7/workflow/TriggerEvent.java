package dev.nex7.workflow;

import java.util.Map;

import dev.nex7.project.ProjectId;

/**
 * A NEX7 event that can start workflows through an <em>event trigger</em> node. A module makes one of
 * its events available to workflows by letting the event record implement this interface and
 * publishing it in the transaction that stores what it reports. The workflow module hears it in that
 * transaction and queues an execution of the active version of every workflow of the same project
 * whose event trigger names the {@link #type()} and whose optional filter accepts the
 * {@link #payload()}: the executions are stored if and only if the transaction commits, so no event is
 * lost and none starts anything for work that was rolled back. Starting them never fails the
 * publisher's transaction (it runs under a savepoint; a failure is logged).
 *
 * <p>The same occurrence (same project, type and payload) starts a given workflow at most once, also
 * when it is published again. So a payload should name what happened (the id of the deployment, the
 * execution, ...), which also makes it useful to the workflow.
 *
 * <p><b>No chains.</b> An event reported by a workflow execution never starts that same workflow, and
 * an event whose execution was itself started by an event or error trigger starts nothing at all:
 * a pair of workflows can never keep starting each other.
 */
public interface TriggerEvent {

    /** The project whose workflows may react; workflows of other projects never see the event. */
    ProjectId projectId();

    /** The event type event triggers choose, lower case and dotted: {@code workflow.failed}, {@code deployment.succeeded}. */
    String type();

    /**
     * What happened, as plain JSON (maps, lists, strings, numbers, booleans, nulls): the trigger node's
     * output and what its filter sees. Never put secrets here: workflows show it to every project member.
     */
    Map<String, Object> payload();

    /** The workflow whose execution this event reports, if it reports one; that workflow's own triggers ignore it. */
    default WorkflowId originWorkflow() {
        return null;
    }

    /** How the execution this event reports was started ({@code manual}, {@code event}, ...), if it reports one. */
    default String originMode() {
        return null;
    }
}
