package dev.nex7.deployment.sandbox;

import java.nio.file.Path;

/** A working directory that is not (or does not resolve to) a directory inside the sandbox root. */
public class OutsideSandbox extends IllegalArgumentException {

    public OutsideSandbox(Path directory, Path root) {
        super("The directory " + directory + " is not a directory inside the build sandbox " + root);
    }
}
