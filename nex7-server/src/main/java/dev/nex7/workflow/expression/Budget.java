package dev.nex7.workflow.expression;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import com.dashjoin.jsonata.Parser;

/**
 * The limits of one evaluation, checked by JSONata's evaluate entry and exit hooks, which it calls
 * around every step of every expression.
 *
 * <p>The hooks replace the library's own {@code Timebox}, which does the same checks but cannot say
 * which limit was hit and misses two things: a thread interrupt (how a caller that stopped waiting
 * asks the evaluation to end) and strings that double in size on every step. Once a limit is hit the
 * budget stays exhausted, so that a JSONata function that swallows the first exception (some do) still
 * stops at the next step.
 */
final class Budget {

    /** Thrown from the hooks; a {@link JException} so that JSONata passes it through unchanged. */
    static final class Exhausted extends JException {
        private final transient ExpressionFailure failure;

        Exhausted(ExpressionFailure failure) {
            super(failure.getMessage());
            this.failure = failure;
        }

        ExpressionFailure failure() {
            return failure;
        }
    }

    private static final ThreadLocal<Budget> CURRENT = new ThreadLocal<>();

    private final long deadlineNanos;
    private final int maxDepth;
    private final long maxChars;
    private int depth;
    private volatile ExpressionFailure exhausted;

    Budget(long deadlineNanos, int maxDepth, long maxChars) {
        this.deadlineNanos = deadlineNanos;
        this.maxDepth = maxDepth;
        this.maxChars = maxChars;
    }

    /** Starts counting nesting afresh, for the next expression evaluated within the same deadline. */
    void startExpression() {
        depth = 0;
    }

    long maxChars() {
        return maxChars;
    }

    /** Why evaluation was stopped, or {@code null} while the budget lasts. */
    ExpressionFailure exhausted() {
        return exhausted;
    }

    /** Stops evaluation from outside, for example when the caller gave up waiting. */
    void exhaust(ExpressionFailure failure) {
        if (exhausted == null) {
            exhausted = failure;
        }
    }

    /**
     * Makes this budget the current thread's, for the functions NEX7 puts in place of JSONata's own
     * ({@link BoundedFunctions}), and hooks it into {@code frame}.
     */
    void install(Jsonata.Frame frame) {
        CURRENT.set(this);
        frame.setEvaluateEntryCallback(this::enter);
        frame.setEvaluateExitCallback(this::exit);
    }

    /** The budget of the evaluation running on this thread. */
    static Budget current() {
        Budget budget = CURRENT.get();
        if (budget == null) {
            throw new IllegalStateException("No expression is being evaluated on this thread");
        }
        return budget;
    }

    static void release() {
        CURRENT.remove();
    }

    private void enter(Parser.Symbol expression, Object input, Jsonata.Frame environment) {
        // JSONata marks all but the first item of an array constructor as "parallel" and does not nest
        // them; counting them would make long array literals look deep.
        if (!environment.isParallelCall) {
            depth++;
        }
        check();
        if (depth > maxDepth) {
            stop(ExpressionFailure.TIMEOUT, "The expression nests deeper than " + maxDepth
                    + " levels; a recursive function probably never ends (rewrite it tail-recursively)");
        }
    }

    private void exit(Parser.Symbol expression, Object input, Jsonata.Frame environment, Object result) {
        if (!environment.isParallelCall) {
            depth--;
        }
        check();
        if (result instanceof String text && text.length() > maxChars) {
            stop(ExpressionFailure.TOO_LARGE, "The expression built a string of " + text.length()
                    + " characters; the limit is " + maxChars);
        }
        // A list with more items than a result may have characters cannot be a result, and building
        // one (an array of ranges materialises them) costs memory in a single step.
        if (result instanceof java.util.List<?> list && list.size() > maxChars) {
            stop(ExpressionFailure.TOO_LARGE, "The expression built a list of " + list.size()
                    + " items; the limit is " + maxChars);
        }
    }

    /** Throws when the budget is spent: time is up, the thread was interrupted, or a limit was hit before. */
    void check() {
        if (exhausted == null) {
            if (Thread.currentThread().isInterrupted()) {
                exhaust(new ExpressionFailure(ExpressionFailure.TIMEOUT, "The expression was stopped"));
            } else if (System.nanoTime() - deadlineNanos > 0) {
                exhaust(timeUp());
            }
        }
        if (exhausted != null) {
            throw new Exhausted(exhausted);
        }
    }

    /** Refuses a value of {@code chars} characters when it is over the size limit. */
    void checkSize(long chars, String what) {
        if (chars > maxChars) {
            stop(ExpressionFailure.TOO_LARGE, what + " would be " + chars + " characters long; the limit is " + maxChars);
        }
    }

    ExpressionFailure timeUp() {
        return new ExpressionFailure(ExpressionFailure.TIMEOUT,
                "The expression ran out of time; an endless loop or recursion, or too much data?");
    }

    void stop(String code, String message) {
        exhaust(new ExpressionFailure(code, message));
        throw new Exhausted(exhausted);
    }
}
