package dev.nex7.deployment.analysis;

/** A place in the project: a relative file and, when known, a line and column. */
record Location(String file, Integer line, Integer column) {
}
