/**
 * The build sandbox: {@link dev.nex7.deployment.sandbox.BuildSandbox} runs a project's own install
 * and build commands as separate processes, with a clean environment, wall-time, memory and output
 * limits, and (where bubblewrap works) the file system read-only but for the build's own
 * directories. The local deployment target and the proof of a fix both build through it.
 */
package dev.nex7.deployment.sandbox;
