package dev.nex7.plugin.node;

/**
 * Why a suspended node run was woken up.
 *
 * @param state the state the node stored when it suspended
 * @param signal the signal's JSON payload, or {@code null} when the wake-up time was reached
 * @param timedOut {@code true} when the run was woken because its {@code until} time was reached
 */
public record Resumption(Object state, Object signal, boolean timedOut) {
}
