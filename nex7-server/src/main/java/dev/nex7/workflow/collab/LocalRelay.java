package dev.nex7.workflow.collab;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;

import org.springframework.stereotype.Component;

import dev.nex7.workflow.WorkflowId;

/** The relay within one instance: the connections of each workflow, in memory. */
@Component
class LocalRelay implements CollabRelay {

    private final Map<WorkflowId, Set<Connection>> connections = new ConcurrentHashMap<>();

    @Override
    public void join(Connection connection) {
        connections.computeIfAbsent(connection.workflow(), workflow -> new CopyOnWriteArraySet<>()).add(connection);
    }

    @Override
    public void leave(Connection connection) {
        connections.computeIfPresent(connection.workflow(), (workflow, set) -> {
            set.remove(connection);
            return set.isEmpty() ? null : set;
        });
    }

    @Override
    public void publish(WorkflowId workflow, Connection except, byte[] message) {
        for (Connection connection : connections.getOrDefault(workflow, Set.of())) {
            if (connection != except) {
                connection.send(message);
            }
        }
    }
}
