package dev.nex7.deployment.sandbox;

/** How a sandboxed command ended. */
public enum BuildOutcome {
    /** It exited with status 0. */
    SUCCEEDED,
    /** It exited with another status (or was killed by a signal it did not get from the sandbox). */
    FAILED,
    /** It ran past its wall time; its whole process tree was killed. */
    TIMED_OUT,
    /**
     * It wrote far more output than is kept (64 times the output limit); its whole process tree
     * was killed. Output merely beyond the limit is truncated, never a reason to stop a build.
     */
    OUTPUT_LIMIT,
    /**
     * It failed for want of memory: the kernel killed a process of its memory cgroup, or a process
     * reported it could not allocate (Node's "JavaScript heap out of memory", {@code ENOMEM}, …).
     */
    OUT_OF_MEMORY,
    /** Its cancellation handle was used; its whole process tree was killed. */
    CANCELED,
    /** It never ran: no free build slot in time, the process could not be started, or the sandbox is unusable. */
    COULD_NOT_START
}
