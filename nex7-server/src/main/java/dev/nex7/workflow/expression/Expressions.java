package dev.nex7.workflow.expression;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Evaluates {@code {{ }}} expressions: JSONata over {@code $input}, {@code $node["name"]},
 * {@code $execution}, {@code $workflow} and the allow-listed {@code $env}, with a time limit, a
 * nesting limit and a size limit, and without any way to reach the host.
 *
 * <p><b>Limits.</b> JSONata checks time only between evaluation steps (see {@link Budget}); a single
 * step inside a built-in function (sorting ten million numbers, a regular expression backtracking)
 * does not look at the clock. So every call runs on its own virtual thread and the caller waits at
 * most the timeout (plus a short grace for the cooperative check to report first), then interrupts
 * the worker and fails with {@code timeout}. The worker stops at its next step; the functions that
 * could spend long in one step on purpose are replaced ({@link BoundedFunctions}), so what remains
 * is bounded by the library's own limits (ranges of at most ten million items).
 *
 * <p><b>Data stays data.</b> Only the template's own strings are evaluated. Values that come out of
 * an expression, including input data that contains {@code {{ }}}, are copied into the result as
 * they are and never evaluated again.
 *
 * <p>Thread-safe: parsed expressions are cached and shared; each evaluation gets its own variables
 * and budget.
 */
@Component
public final class Expressions {

    private static final Logger log = LoggerFactory.getLogger(Expressions.class);
    private static final int PARSED_CACHE_SIZE = 2_000;
    /** How much longer than the timeout a caller waits, so that the worker's own check can say why it stopped. */
    private static final long GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final ExpressionSettings settings;
    private final BoundedFunctions functions;
    private final Map<String, Object> environment;
    private final Cache<String, Parsed> parsed = Caffeine.newBuilder().maximumSize(PARSED_CACHE_SIZE).build();

    /** Expressions reading the system clock and the process environment. */
    public Expressions(ExpressionSettings settings) {
        this(settings, Clock.systemUTC(), System.getenv());
    }

    @Autowired
    public Expressions(ExpressionSettings settings, Clock clock) {
        this(settings, clock, System.getenv());
    }

    /** @param environment the variables {@code $env} may expose; only allow-listed names are kept */
    Expressions(ExpressionSettings settings, Clock clock, Map<String, String> environment) {
        this.settings = settings;
        this.functions = new BoundedFunctions(clock);
        Map<String, Object> allowed = new LinkedHashMap<>();
        for (String name : settings.envAllowList()) {
            if (environment.containsKey(name)) {
                allowed.put(name, environment.get(name));
            }
        }
        this.environment = java.util.Collections.unmodifiableMap(allowed);
    }

    /** A parsed expression, or why it cannot be parsed. */
    private record Parsed(Jsonata jsonata, ExpressionFailure failure) {
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Budget budget) throws ExpressionFailure;
    }

    /**
     * Walks maps and lists; every string containing {@code {{ }}} is evaluated. A string that is exactly
     * one {@code {{ expr }}} (trimmed) becomes the expression's JSON value (any type); mixed text becomes
     * a string with each result rendered (objects as JSON, null as nothing). Values produced by
     * expressions are never evaluated again. Map keys are not evaluated.
     *
     * @return a new structure; {@code template} is unchanged
     * @throws ExpressionFailure the first expression that fails, its message prefixed with where it is
     */
    public Object resolve(Object template, ExpressionScope scope) throws ExpressionFailure {
        if (!containsExpression(template)) {
            return resolveValue(template, "", scope, null);
        }
        return bounded(budget -> resolveValue(template, "", scope, budget), onlySimple(template));
    }

    /** Evaluates one bare JSONata expression (no braces): for the Transform node and the editor's live preview. */
    public Object evaluate(String expression, ExpressionScope scope) throws ExpressionFailure {
        if (expression == null || expression.isBlank()) {
            throw new ExpressionFailure(ExpressionFailure.SYNTAX, "The expression is empty");
        }
        return bounded(budget -> evaluateOne(expression, scope, budget), simple(expression));
    }

    /** Syntax problems (and refused constructs) of every {@code {{ }}} in a template; empty when all parse. */
    public List<ExpressionProblem> check(Object template) {
        List<ExpressionProblem> problems = new ArrayList<>();
        check(template, "", problems);
        return problems;
    }

    /** Whether any string in {@code template} (walking maps and lists) holds a {@code {{}. */
    public static boolean containsExpression(Object template) {
        return switch (template) {
            case String text -> TemplateText.mayContainExpression(text);
            case Map<?, ?> map -> map.values().stream().anyMatch(Expressions::containsExpression);
            case List<?> list -> list.stream().anyMatch(Expressions::containsExpression);
            case null, default -> false;
        };
    }

    private Object resolveValue(Object template, String pointer, ExpressionScope scope, Budget budget)
            throws ExpressionFailure {
        switch (template) {
            case String text when TemplateText.mayContainExpression(text) -> {
                return resolveText(text, pointer, scope, budget);
            }
            case Map<?, ?> map -> {
                Map<String, Object> resolved = new LinkedHashMap<>();
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    String key = String.valueOf(entry.getKey());
                    resolved.put(key, resolveValue(entry.getValue(), pointer + "/" + escape(key), scope, budget));
                }
                return resolved;
            }
            case List<?> list -> {
                List<Object> resolved = new ArrayList<>(list.size());
                for (int i = 0; i < list.size(); i++) {
                    resolved.add(resolveValue(list.get(i), pointer + "/" + i, scope, budget));
                }
                return resolved;
            }
            case null, default -> {
                return template;
            }
        }
    }

    private Object resolveText(String text, String pointer, ExpressionScope scope, Budget budget) throws ExpressionFailure {
        try {
            TemplateText parts = TemplateText.parse(text);
            String whole = parts.wholeValueExpression();
            if (whole != null) {
                return evaluateOne(whole, scope, budget);
            }
            StringBuilder rendered = new StringBuilder();
            for (TemplateText.Part part : parts.parts()) {
                rendered.append(part.expression() ? JsonResult.render(evaluateOne(part.text(), scope, budget)) : part.text());
                budget.checkSize(rendered.length(), "The text");
            }
            return rendered.toString();
        } catch (ExpressionFailure failure) {
            throw failure.at(pointer);
        } catch (Budget.Exhausted exhausted) {
            throw exhausted.failure().at(pointer);
        }
    }

    private Object evaluateOne(String expression, ExpressionScope scope, Budget budget) throws ExpressionFailure {
        Parsed compiled = parse(expression);
        if (compiled.failure() != null) {
            throw compiled.failure();
        }
        Jsonata.Frame frame = new Jsonata.Frame(null);
        functions.bindTo(frame);
        frame.bind("input", scope.input());
        frame.bind("node", scope.nodes());
        frame.bind("execution", scope.execution());
        frame.bind("workflow", scope.workflow());
        frame.bind("env", environment);
        budget.startExpression();
        budget.install(frame);
        Object raw;
        try {
            raw = JsonataEvaluators.evaluate(compiled.jsonata(), () -> compiled.jsonata().evaluate(scope.input(), frame));
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError failure) {
            throw translate(failure, budget);
        }
        budget.check();
        return JsonResult.toJson(raw, budget.maxChars());
    }

    private Parsed parse(String expression) {
        return parsed.get(expression.strip(), text -> {
            try {
                Jsonata jsonata = Jsonata.jsonata(ExpressionSource.prepare(text));
                if (jsonata.getErrors() != null && !jsonata.getErrors().isEmpty()) {
                    return new Parsed(null, syntax(jsonata.getErrors().getFirst()));
                }
                // Inputs are NEX7's own JSON values; checking them again on every evaluation costs a walk of the data.
                jsonata.setValidateInput(false);
                return new Parsed(jsonata, null);
            } catch (ExpressionFailure failure) {
                return new Parsed(null, failure);
            } catch (RuntimeException failure) {
                return new Parsed(null, syntax(failure));
            } catch (StackOverflowError tooDeep) {
                return new Parsed(null, new ExpressionFailure(ExpressionFailure.SYNTAX, "The expression nests too deeply to parse"));
            }
        });
    }

    private static ExpressionFailure syntax(Exception failure) {
        return new ExpressionFailure(ExpressionFailure.SYNTAX, "Invalid expression: " + describe(failure));
    }

    /**
     * Expressions that call no function, build no range and define no lambda (paths, arithmetic,
     * comparisons, conditions, constructors, filters over the input) cannot loop: their work is linear
     * in the data, which the size and depth limits bound. They run on the caller's thread, without the
     * hand-off and without the time limit.
     */
    private static final Pattern NEEDS_OWN_THREAD = Pattern.compile("\\$[\\w$]*\\s*\\(|\\.\\.|function|\u03bb|~>|\\^\\s*\\(");

    private final Cache<String, Boolean> simpleTexts = Caffeine.newBuilder().maximumSize(10_000).build();

    private boolean simple(String text) {
        return simpleTexts.get(text, key -> !NEEDS_OWN_THREAD.matcher(key).find());
    }

    private boolean onlySimple(Object template) {
        return switch (template) {
            case String text -> !TemplateText.mayContainExpression(text) || simple(text);
            case Map<?, ?> map -> map.values().stream().allMatch(this::onlySimple);
            case List<?> list -> list.stream().allMatch(this::onlySimple);
            case null, default -> true;
        };
    }

    private <T> T bounded(Work<T> work, boolean onCallerThread) throws ExpressionFailure {
        long timeout = settings.timeout().toNanos();
        if (onCallerThread) {
            // No function, range or lambda: the work is linear in the data and the size and depth limits
            // bound it, so no clock: a wall-clock limit would only fail it when the machine is busy.
            Budget budget = new Budget(System.nanoTime() + Long.MAX_VALUE / 2, settings.maxDepth(), settings.maxResultSize().toBytes());
            try {
                return work.run(budget);
            } catch (ExpressionFailure failure) {
                throw failure;
            } catch (RuntimeException | StackOverflowError failure) {
                throw translate(failure, budget);
            } finally {
                Budget.release();
            }
        }
        Budget budget = new Budget(System.nanoTime() + timeout, settings.maxDepth(), settings.maxResultSize().toBytes());
        FutureTask<T> task = new FutureTask<>(() -> {
            try {
                return work.run(budget);
            } finally {
                Budget.release();
            }
        });
        Thread worker = Thread.ofVirtual().name("nex7-expression").start(task);
        try {
            return task.get(timeout + GRACE_NANOS, TimeUnit.NANOSECONDS);
        } catch (TimeoutException stillRunning) {
            budget.exhaust(budget.timeUp());
            worker.interrupt();
            log.debug("Stopped waiting for an expression after {}", settings.timeout());
            throw budget.timeUp();
        } catch (InterruptedException callerInterrupted) {
            budget.exhaust(budget.timeUp());
            worker.interrupt();
            Thread.currentThread().interrupt();
            throw new ExpressionFailure(ExpressionFailure.TIMEOUT, "The evaluation was cancelled");
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof ExpressionFailure failure) {
                throw failure;
            }
            throw translate(failed.getCause(), budget);
        }
    }

    private static ExpressionFailure translate(Throwable failure, Budget budget) {
        if (budget.exhausted() != null) {
            return budget.exhausted();
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof Budget.Exhausted exhausted) {
                return exhausted.failure();
            }
        }
        return switch (failure) {
            case StackOverflowError tooDeep -> new ExpressionFailure(ExpressionFailure.TIMEOUT,
                    "The expression nests too deeply; a recursive function probably never ends");
            case OutOfMemoryError tooBig -> new ExpressionFailure(ExpressionFailure.TOO_LARGE,
                    "The expression needed more memory than is available");
            case Exception exception -> new ExpressionFailure(ExpressionFailure.ERROR, describe(exception));
            default -> new ExpressionFailure(ExpressionFailure.ERROR, "The expression failed");
        };
    }

    /** A JSONata error as "message (code, at character n)"; other errors by their message only. */
    private static String describe(Exception failure) {
        if (failure instanceof JException jsonata) {
            String where = jsonata.getLocation() >= 0 ? ", at character " + (jsonata.getLocation() + 1) : "";
            return jsonata.getMessage() + " (" + jsonata.getError() + where + ")";
        }
        Throwable cause = failure.getCause() instanceof JException jsonata ? jsonata : failure;
        String message = cause.getMessage();
        return message == null || message.isBlank() ? "The expression failed" : message;
    }

    private void check(Object template, String pointer, List<ExpressionProblem> problems) {
        switch (template) {
            case String text when TemplateText.mayContainExpression(text) -> {
                try {
                    for (TemplateText.Part part : TemplateText.parse(text).parts()) {
                        ExpressionFailure failure = part.expression() ? parse(part.text()).failure() : null;
                        if (failure != null) {
                            problems.add(new ExpressionProblem(pointer, failure.getMessage()));
                        }
                    }
                } catch (ExpressionFailure failure) {
                    problems.add(new ExpressionProblem(pointer, failure.getMessage()));
                }
            }
            case Map<?, ?> map -> map.forEach((key, value) -> check(value, pointer + "/" + escape(String.valueOf(key)), problems));
            case List<?> list -> {
                for (int i = 0; i < list.size(); i++) {
                    check(list.get(i), pointer + "/" + i, problems);
                }
            }
            case null, default -> {
            }
        }
    }

    /** A map key as a JSON pointer segment (RFC 6901). */
    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
