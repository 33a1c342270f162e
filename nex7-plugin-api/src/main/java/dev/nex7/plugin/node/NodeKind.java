package dev.nex7.plugin.node;

/** Whether a node starts executions or works inside them. */
public enum NodeKind {
    /** Starts an execution (manual, webhook, schedule, event, error); has no input ports. */
    TRIGGER,
    /** Does work inside an execution. */
    ACTION
}
