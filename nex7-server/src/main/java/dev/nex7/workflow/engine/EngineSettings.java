package dev.nex7.workflow.engine;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How the workflow engine runs ({@code nex7.workflow.engine.*}).
 *
 * @param lease how long a claimed execution stays with its instance without a heartbeat; after that
 *     another instance (or this one, restarted) takes it over
 * @param heartbeat how often held leases are renewed (well under {@code lease})
 * @param pollInterval how often the queue is polled for due executions (new local executions start at once)
 * @param maxActiveExecutions executions one instance runs at once; the rest wait in the queue
 * @param maxParallelNodes nodes of one execution that run at once
 * @param maxParallelNodesGlobal nodes one instance runs at once, across executions
 * @param defaultNodeTimeout a node attempt's time limit when its definition sets none
 * @param maxOutputSize a node output larger than this (as JSON) is replaced by a marker
 * @param maxSubWorkflowDepth how deeply sub-workflows may call each other
 */
@ConfigurationProperties("nex7.workflow.engine")
public record EngineSettings(
        @DefaultValue("30s") Duration lease,
        @DefaultValue("10s") Duration heartbeat,
        @DefaultValue("500ms") Duration pollInterval,
        @DefaultValue("256") int maxActiveExecutions,
        @DefaultValue("8") int maxParallelNodes,
        @DefaultValue("512") int maxParallelNodesGlobal,
        @DefaultValue("5m") Duration defaultNodeTimeout,
        @DefaultValue("1MB") DataSize maxOutputSize,
        @DefaultValue("10") int maxSubWorkflowDepth) {

    public EngineSettings {
        if (heartbeat.compareTo(lease) >= 0) {
            throw new IllegalArgumentException("nex7.workflow.engine.heartbeat must be shorter than the lease");
        }
        if (maxActiveExecutions < 1 || maxParallelNodes < 1 || maxParallelNodesGlobal < 1) {
            throw new IllegalArgumentException("nex7.workflow.engine limits must be at least 1");
        }
    }
}
