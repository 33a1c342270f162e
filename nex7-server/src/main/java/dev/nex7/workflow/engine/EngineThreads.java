package dev.nex7.workflow.engine;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The virtual threads executions and nodes run on. */
final class EngineThreads {

    static final ExecutorService NODES = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("nex7-node-", 0).factory());
    static final ExecutorService EXECUTIONS = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("nex7-execution-", 0).factory());

    private EngineThreads() {
    }
}
