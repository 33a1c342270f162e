package dev.nex7.workflow.expression;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

import com.dashjoin.jsonata.Jsonata;

/**
 * Lends JSONata evaluators to threads. The library (jsonata-java 0.9.10) evaluates every expression
 * through a per-thread copy of an expression kept in a {@code ThreadLocal}, with a parser of its own;
 * it makes that copy the first time a thread evaluates anything. NEX7 evaluates on virtual threads
 * that live for one execution (or one bounded expression), so every evaluation paid for a new copy
 * and a new parser: 7 % of a low-latency webhook's CPU. Here the copies are pooled: a thread borrows
 * one for the evaluation and gives it back, so there are only as many as evaluations run at once.
 *
 * <p>The copy carries no state between evaluations: the library saves and restores its input and
 * environment around each one, and what else it keeps (a parser for {@code $eval}, a timestamp for
 * {@code $now} and {@code $millis}) NEX7 does not use: {@link BoundedFunctions} replaces those three.
 * Reaching into the library is deliberate and checked at start-up: should a new version change these
 * members, the class fails to load and every expression test fails, rather than silently slowing down.
 *
 * @see <a href="https://github.com/dashjoin/jsonata-java/issues/93">jsonata-java #93 (the per-thread instance)</a>
 */
final class JsonataEvaluators {

    private static final ThreadLocal<Jsonata> CURRENT;
    private static final MethodHandle COPY;

    static {
        try {
            MethodHandles.Lookup library = MethodHandles.privateLookupIn(Jsonata.class, MethodHandles.lookup());
            VarHandle current = library.findStaticVarHandle(Jsonata.class, "current", ThreadLocal.class);
            @SuppressWarnings("unchecked")
            ThreadLocal<Jsonata> threadLocal = (ThreadLocal<Jsonata>) current.get();
            CURRENT = threadLocal;
            COPY = library.findConstructor(Jsonata.class, MethodType.methodType(void.class, Jsonata.class));
        } catch (ReflectiveOperationException changed) {
            throw new ExceptionInInitializerError("jsonata-java no longer has the per-thread instance this class pools: " + changed);
        }
    }

    private static final ConcurrentLinkedQueue<Jsonata> idle = new ConcurrentLinkedQueue<>();

    private JsonataEvaluators() {
    }

    /** Runs {@code evaluation} of {@code expression} with a pooled evaluator as the thread's instance. */
    static <T> T evaluate(Jsonata expression, Supplier<T> evaluation) {
        if (CURRENT.get() != null) {
            return evaluation.get(); // nested (a function evaluating again), or a thread the library set up itself
        }
        Jsonata evaluator = idle.poll();
        if (evaluator == null) {
            evaluator = copy(expression);
        }
        CURRENT.set(evaluator);
        try {
            return evaluation.get();
        } finally {
            CURRENT.remove();
            idle.offer(evaluator);
        }
    }

    private static Jsonata copy(Jsonata expression) {
        try {
            return (Jsonata) COPY.invokeExact(expression);
        } catch (RuntimeException | Error failure) {
            throw failure;
        } catch (Throwable impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
