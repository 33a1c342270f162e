/**
 * The node SPI: what a node type on the NEX7 canvas is, and the contract between it and the engine.
 *
 * <p>Data that flows along edges and parameters are plain JSON values represented with Java's own
 * types, so that plugins need no JSON library: {@link java.util.Map Map&lt;String, Object&gt;} for
 * objects, {@link java.util.List List&lt;Object&gt;} for arrays, {@link String}, {@link Number}
 * ({@code Long}, {@code Double} or {@code java.math.BigDecimal}), {@link Boolean} and {@code null}.
 *
 * <p>A node type is registered once per type name and version. The engine resolves {@code {{ }}}
 * expressions in parameters before {@link dev.nex7.plugin.node.NodeType#execute} is called, applies the
 * node's retry policy, timeout and on-error choice, and records every outcome durably; a node type
 * only turns its input and parameters into an {@link dev.nex7.plugin.node.NodeOutcome} or a
 * {@link dev.nex7.plugin.node.NodeFailure}.
 */
package dev.nex7.plugin.node;
