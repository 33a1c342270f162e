package dev.nex7.workflow.expression;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Prints what resolving a typical node's parameters costs: three expressions, one of them mixed
 * text, with parsed expressions cached as in production. Numbers, not assertions (run it like
 * {@code SandboxCost}: {@code java -cp ... dev.nex7.workflow.expression.ExpressionCost}).
 */
final class ExpressionCost {

    private ExpressionCost() {
    }

    public static void main(String[] args) throws Exception {
        Expressions expressions = new Expressions(ExpressionSettings.defaults());
        ExpressionScope scope = new ExpressionScope(
                Map.of("customer", Map.of("name", "Ada", "email", "ada@example.com"), "items", List.of(1L, 2L, 3L)),
                Map.of("Webhook", Map.of("body", Map.of("id", 42L))), Map.of("id", "exec-1"), Map.of("id", "wf-1"));
        Map<String, Object> parameters = Map.of(
                "url", "https://api.example.com/users/{{ $node[\"Webhook\"].body.id }}",
                "body", Map.of("email", "{{ $input.customer.email }}", "total", "{{ $sum($input.items) }}"),
                "method", "POST");
        for (int round = 1; round <= 3; round++) {
            long[] calls = new long[5_000];
            for (int i = 0; i < calls.length; i++) {
                long begin = System.nanoTime();
                expressions.resolve(parameters, scope);
                calls[i] = System.nanoTime() - begin;
            }
            Arrays.sort(calls);
            System.out.printf("round %d, resolve() of 3 expressions (%d calls): median %.1f µs, p90 %.1f µs, p99 %.1f µs%n",
                    round, calls.length, calls[calls.length / 2] / 1e3, calls[calls.length * 9 / 10] / 1e3,
                    calls[calls.length * 99 / 100] / 1e3);
        }
    }
}
