package dev.nex7.workflow.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class ExpressionsTests {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);

    private final Expressions expressions = new Expressions(ExpressionSettings.defaults(), CLOCK, Map.of());

    private final ExpressionScope scope = new ExpressionScope(
            Map.of("name", "Ada", "count", 41L, "price", 2.5, "tags", List.of("a", "b"),
                    "customer", customer()),
            Map.of("Webhook", Map.of("body", Map.of("x", "from the webhook")),
                    "Fetch user", Map.of("status", 200L)),
            Map.of("id", "exec-1"),
            Map.of("id", "wf-9", "name", "Onboarding"));

    private static Map<String, Object> customer() {
        Map<String, Object> customer = new LinkedHashMap<>();
        customer.put("id", 7L);
        customer.put("email", "ada@example.com");
        return customer;
    }

    @Test
    void aStringThatIsOneExpressionBecomesTheExpressionsValueOfAnyType() throws Exception {
        assertThat(expressions.resolve("{{ $input.customer }}", scope)).isEqualTo(Map.of("id", 7L, "email", "ada@example.com"));
        assertThat(expressions.resolve("  {{ $input.tags }}  ", scope)).isEqualTo(List.of("a", "b"));
        assertThat(expressions.resolve("{{ $input.count > 40 }}", scope)).isEqualTo(true);
        assertThat(expressions.resolve("{{ $input.missing }}", scope)).isNull();
    }

    @Test
    void mixedTextRendersEachResultObjectsAsJsonAndNothingAsEmpty() throws Exception {
        assertThat(expressions.resolve("Hi {{ $input.name }}, you have {{ $input.count + 1 }} items", scope))
                .isEqualTo("Hi Ada, you have 42 items");
        assertThat(expressions.resolve("customer={{ $input.customer }}", scope))
                .isEqualTo("customer={\"id\":7,\"email\":\"ada@example.com\"}");
        assertThat(expressions.resolve("[{{ $input.missing }}]", scope)).isEqualTo("[]");
        assertThat(expressions.resolve("{{ 1 }}{{ 2 }}", scope)).isEqualTo("12");
    }

    @Test
    void nestedMapsAndListsAreWalkedAndCopiedAndTheTemplateIsUnchanged() throws Exception {
        Map<String, Object> headers = new LinkedHashMap<>(Map.of("X-Name", "{{ $input.name }}"));
        List<Object> items = new ArrayList<>(List.of("{{ $input.count }}", 3L, true, "plain"));
        Map<String, Object> template = new LinkedHashMap<>();
        template.put("headers", headers);
        template.put("items", items);
        template.put("nothing", null);

        Object resolved = expressions.resolve(template, scope);

        assertThat(resolved).isInstanceOfSatisfying(Map.class, map -> {
            assertThat(map.get("headers")).isEqualTo(Map.of("X-Name", "Ada"));
            assertThat(map.get("items")).isEqualTo(List.of(41L, 3L, true, "plain"));
            assertThat(map).containsEntry("nothing", null);
        });
        assertThat(headers).containsEntry("X-Name", "{{ $input.name }}");
        assertThat(items.getFirst()).isEqualTo("{{ $input.count }}");
        assertThat(resolved).isNotSameAs(template);
    }

    @Test
    void evaluatorsLentToManyShortLivedThreadsKeepEachEvaluationsInputAndVariablesApart() throws Exception {
        // Each execution runs on a virtual thread of its own, and the library's per-thread evaluator is pooled
        // (JsonataEvaluators): whatever thread borrowed it before, an evaluation sees only its own data.
        // a generous time limit: 400 threads at once on a shared machine must not turn this into a test of speed
        Expressions patient = new Expressions(new ExpressionSettings(Duration.ofSeconds(60), DataSize.ofMegabytes(1), 100, List.of()),
                CLOCK, Map.of());
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<List<Object>>> results = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                long n = i;
                results.add(threads.submit(() -> {
                    ExpressionScope own = new ExpressionScope(Map.of("n", n, "name", "user-" + n), Map.of("Hook", Map.of("n", -n)),
                            Map.of("id", "exec-" + n), Map.of("name", "wf"));
                    return List.of(patient.resolve("{{ $input.n + 1 }}", own), patient.resolve("{{ name & '/' & $node.Hook.n }}", own),
                            patient.resolve("{{ $execution.id }}", own), patient.resolve("{{ $map([1, 2], function($v) { $v * $input.n }) }}", own));
                }));
            }
            for (int i = 0; i < results.size(); i++) {
                long n = i;
                assertThat(results.get(i).get()).containsExactly(n + 1, "user-" + n + "/" + (-n), "exec-" + n, List.of(n, 2 * n));
            }
        }
    }

    @Test
    void anObjectConstructorEndingInBracesIsOneExpression() throws Exception {
        assertThat(expressions.resolve("{{ {\"a\": {\"b\": $input.count}} }}", scope)).isEqualTo(Map.of("a", Map.of("b", 41L)));
        assertThat(expressions.resolve("{{ \"}}\" & $input.name }}", scope)).isEqualTo("}}Ada");
    }

    @Test
    void earlierNodesAreReachedByNameInBracketsOrAsAPath() throws Exception {
        assertThat(expressions.resolve("{{ $node[\"Webhook\"].body.x }}", scope)).isEqualTo("from the webhook");
        assertThat(expressions.resolve("{{ $node['Fetch user'].status }}", scope)).isEqualTo(200L);
        assertThat(expressions.resolve("{{ $node.Webhook.body.x }}", scope)).isEqualTo("from the webhook");
        assertThat(expressions.resolve("{{ $node.`Fetch user`.status }}", scope)).isEqualTo(200L);
        assertThat(expressions.resolve("{{ $node[\"Nobody\"] }}", scope)).isNull();
    }

    @Test
    void executionWorkflowAndTheInputAsContextAreAvailable() throws Exception {
        assertThat(expressions.resolve("{{ $execution.id }}", scope)).isEqualTo("exec-1");
        assertThat(expressions.resolve("{{ $workflow.name }}", scope)).isEqualTo("Onboarding");
        assertThat(expressions.resolve("{{ customer.email }}", scope)).isEqualTo("ada@example.com");
    }

    @Test
    void integralNumbersStayLongAndFractionsStayDecimal() throws Exception {
        assertThat(expressions.resolve("{{ $input.count + 1 }}", scope)).isEqualTo(42L);
        assertThat(expressions.resolve("{{ $input.price * 2 }}", scope)).isEqualTo(5L);
        assertThat(expressions.resolve("{{ $input.price / 2 }}", scope)).isEqualTo(1.25);
        assertThat(expressions.resolve("{{ [1, 2.5, 3] }}", scope)).isEqualTo(List.of(1L, 2.5, 3L));
        assertThat(expressions.resolve("{{ $sum([1..1000]) }}", scope)).isEqualTo(500500L);
        assertThat(expressions.resolve("{{ $input }}", ExpressionScope.ofInput(new BigDecimal("12.50"))))
                .isEqualTo(new BigDecimal("12.50"));
    }

    @Test
    void envExposesOnlyAllowListedVariables() throws Exception {
        ExpressionSettings settings = new ExpressionSettings(Duration.ofMillis(500), DataSize.ofMegabytes(1), 100,
                List.of("NEX7_REGION", "NEX7_UNSET"));
        Expressions withEnv = new Expressions(settings, CLOCK,
                Map.of("NEX7_REGION", "eu-west", "DATABASE_PASSWORD", "hunter2", "HOME", "/root"));

        assertThat(withEnv.resolve("{{ $env.NEX7_REGION }}", scope)).isEqualTo("eu-west");
        assertThat(withEnv.resolve("{{ $env.DATABASE_PASSWORD }}", scope)).isNull();
        assertThat(withEnv.resolve("{{ $env.HOME }}", scope)).isNull();
        assertThat(withEnv.resolve("{{ $keys($env) }}", scope)).isEqualTo("NEX7_REGION");
        assertThat(expressions.resolve("{{ $env }}", scope)).isEqualTo(Map.of());
    }

    @Test
    void nowAndMillisReadTheInjectedClock() throws Exception {
        assertThat(expressions.resolve("{{ $now() }}", scope)).isEqualTo("2026-03-01T12:00:00.000Z");
        assertThat(expressions.resolve("{{ $millis() }}", scope)).isEqualTo(CLOCK.millis());
        assertThat(expressions.resolve("{{ $fromMillis($millis(), '[Y0001]-[M01]-[D01]') }}", scope)).isEqualTo("2026-03-01");
    }

    @Test
    void replacedFunctionsBehaveLikeJsonatasOwn() throws Exception {
        assertThat(expressions.evaluate("$pad('ab', 5, '-')", scope)).isEqualTo("ab---");
        assertThat(expressions.evaluate("$pad('ab', -5)", scope)).isEqualTo("   ab");
        assertThat(expressions.evaluate("$join(['a', 'b', 'c'], ', ')", scope)).isEqualTo("a, b, c");
        assertThat(expressions.evaluate("$string({'a': [1, true]})", scope)).isEqualTo("{\"a\":[1,true]}");
        assertThat(expressions.evaluate("$replace('a-b-c', '-', '+')", scope)).isEqualTo("a+b+c");
        assertThat(expressions.evaluate("$replace('a-b-c', '-', '+', 1)", scope)).isEqualTo("a+b-c");
        assertThat(expressions.evaluate("$replace('John Smith', /(\\w+)\\s(\\w+)/, '$2, $1')", scope)).isEqualTo("Smith, John");
        assertThat(expressions.evaluate("$replace('cost 5', /(\\d)/, '$$$1')", scope)).isEqualTo("cost $5");
        assertThat(expressions.evaluate("$replace('abc', /b/, function($m) { $uppercase($m.match) })", scope)).isEqualTo("aBc");
    }

    @Test
    void evaluateRunsABareExpressionAgainstTheScope() throws Exception {
        assertThat(expressions.evaluate("$input.tags ~> $join('+')", scope)).isEqualTo("a+b");
        assertThat(expressions.evaluate("{ 'who': name, 'n': $count(tags) }", scope)).isEqualTo(Map.of("who", "Ada", "n", 2L));
    }

    @Test
    void runtimeErrorsAndSyntaxErrorsAreTypedFailuresThatSayWhere() {
        assertThatThrownBy(() -> expressions.resolve(Map.of("url", "{{ $input.name + 1 }}"), scope))
                .isInstanceOf(ExpressionFailure.class)
                .satisfies(failure -> assertThat(((ExpressionFailure) failure).code()).isEqualTo("error"))
                .hasMessageContaining("/url");
        assertThatThrownBy(() -> expressions.resolve(List.of("ok", "{{ $error('custom stop') }}"), scope))
                .hasMessageContaining("/1").hasMessageContaining("custom stop");
        assertThatThrownBy(() -> expressions.resolve("{{ $input.( }}", scope))
                .satisfies(failure -> assertThat(((ExpressionFailure) failure).code()).isEqualTo("syntax"));
        assertThatThrownBy(() -> expressions.resolve("{{ $input.name ", scope))
                .satisfies(failure -> assertThat(((ExpressionFailure) failure).code()).isEqualTo("syntax"))
                .hasMessageContaining("not closed");
        assertThatThrownBy(() -> expressions.evaluate("$sum", scope))
                .satisfies(failure -> assertThat(((ExpressionFailure) failure).code()).isEqualTo("error"))
                .hasMessageContaining("not a JSON value");
    }

    @Test
    void checkReportsEveryBrokenExpressionByPointerWithoutEvaluating() {
        Map<String, Object> template = new LinkedHashMap<>();
        template.put("fine", "{{ $input.name }}");
        template.put("a/b", "x {{ $input.( }}");
        template.put("list", List.of("{{ 1 + }}", "{{ $eval('1') }}", "{{ $error('only at run time') }}"));
        template.put("open", "{{ never closed");

        assertThat(expressions.check(template)).extracting(ExpressionProblem::pointer)
                .containsExactly("/a~1b", "/list/0", "/list/1", "/open");
        assertThat(expressions.check("{{ $input.name }} and {{ $node['Webhook'] }}")).isEmpty();
        assertThat(expressions.check(Map.of("no", "expressions", "n", 3))).isEmpty();
    }

    @Test
    void containsExpressionFindsBracesAnywhereInTheStructure() {
        assertThat(Expressions.containsExpression(Map.of("a", List.of(1L, Map.of("b", "x {{ y }}"))))).isTrue();
        assertThat(Expressions.containsExpression(Map.of("a", List.of(1L, "plain text", true)))).isFalse();
        assertThat(Expressions.containsExpression(null)).isFalse();
    }

    @Test
    void manyThreadsCanEvaluateTheSameExpressionsAtOnce() throws Exception {
        List<Future<Object>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 200; i++) {
                long n = i;
                results.add(pool.submit(() -> expressions.resolve("{{ $input.n * 2 }}-{{ $node.Webhook.body.x }}",
                        new ExpressionScope(Map.of("n", n), scope.nodes(), Map.of(), Map.of()))));
            }
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get()).isEqualTo(i * 2 + "-from the webhook");
            }
        }
    }
}
