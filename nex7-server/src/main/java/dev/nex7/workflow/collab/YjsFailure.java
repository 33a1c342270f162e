package dev.nex7.workflow.collab;

/**
 * A Yjs operation failed: the update was not a Yjs update, the operation broke the runtime's time or
 * memory limit, or the runtime itself stopped. The caller refuses what it was given; it never stores it.
 */
class YjsFailure extends RuntimeException {

    YjsFailure(String message) {
        super(message);
    }

    YjsFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
