package dev.nex7.plugin.node;

/**
 * Log lines from a node run. They are kept with the node run (capped) and written to the server log
 * with the execution id; credential values found in them are redacted.
 */
public interface NodeLogger {
    void info(String message);
    void warn(String message);
}
