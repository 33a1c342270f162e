package dev.nex7.workflow.code;

import java.util.List;

/**
 * A script failed or was stopped. The message is for the script's author: the error's name and
 * message with the line in their script, or which limit stopped it.
 */
public class ScriptFailure extends Exception {

    /** The script threw, did not compile, or returned something that is not JSON. */
    public static final String SCRIPT_ERROR = "script-error";
    /** The script ran longer than the time limit. */
    public static final String TIMEOUT = "timeout";
    /** The script needed more memory than the limit. */
    public static final String MEMORY = "memory";
    /** The script's result is larger than the output limit. */
    public static final String TOO_LARGE = "too-large";

    private final String code;
    private final Integer line;
    private final transient List<String> logs;

    public ScriptFailure(String code, String message, Integer line, List<String> logs) {
        super(message, null, false, false);
        this.code = code;
        this.line = line;
        this.logs = List.copyOf(logs);
    }

    /** One of {@code script-error}, {@code timeout}, {@code memory}, {@code too-large}. */
    public String code() {
        return code;
    }

    /** The line of the script the error points at, when known (1 is the script's first line). */
    public Integer line() {
        return line;
    }

    /** The {@code console} lines written before the failure. */
    public List<String> logs() {
        return logs;
    }
}
