package dev.nex7.workflow.collab;

import dev.nex7.workflow.WorkflowId;

/**
 * Delivers messages to the connections of a workflow's draft. {@link LocalRelay} reaches the
 * connections of this instance, which is all there are while NEX7 runs as one instance. A fan-out
 * across instances (Redis pub/sub, or PostgreSQL LISTEN/NOTIFY carrying the log seq to read) would
 * implement this interface: publish to the channel, and deliver what arrives to the local connections.
 */
interface CollabRelay {

    void join(Connection connection);

    void leave(Connection connection);

    /** Sends {@code message} to every connection to {@code workflow} but {@code except} ({@code null}: to all). */
    void publish(WorkflowId workflow, Connection except, byte[] message);
}
