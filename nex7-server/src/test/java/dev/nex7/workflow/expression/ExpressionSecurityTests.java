package dev.nex7.workflow.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.util.unit.DataSize;

/**
 * Payloads from n8n's expression-injection advisories and the usual JavaScript/JSONata escape folklore
 * end in a clear {@link ExpressionFailure}, and runaway expressions are stopped by the limits.
 */
class ExpressionSecurityTests {

    private final Expressions expressions = new Expressions(ExpressionSettings.defaults(), Clock.systemUTC(),
            Map.of("SECRET_TOKEN", "s3cr3t"));

    private final ExpressionScope scope = new ExpressionScope(Map.of("name", "Ada", "items", List.of(1L, 2L)),
            Map.of(), Map.of("id", "exec-1"), Map.of());

    @ParameterizedTest
    @ValueSource(strings = {
            "{{ $input.constructor.constructor(\"return process\")() }}",
            "{{ this.constructor }}",
            "{{ $input.name.constructor.prototype }}",
            "{{ $input.__proto__ }}",
            "{{ $input[\"__proto__\"] }}",
            "{{ $merge([{}, {\"__proto__\": {\"polluted\": true}}]) }}",
            "{{ `${process.env}` }}",
            "{{ `${this.constructor.constructor('return process')().env}` }}",
            "{{ $eval(\"1 + 1\") }}",
            "{{ ($e := $eval; $e(\"$env\")) }}",
            "{{ $function(\"return process\")() }}",
            "{{ $process.env }}",
            "{{ $require(\"child_process\") }}",
            "{{ $globalThis }}",
            "{{ java.lang.Runtime.getRuntime().exec(\"id\") }}",
            "{{ $.getClass() }}",
            "{{ $input.getClass().forName(\"java.lang.Runtime\") }}",
            "{{ $java.lang.System.getenv() }}",
            "{{ $match($input.name, /(a+)+$/) }}",
            "{{ ($__evaluate_entry := $nothing; $__evaluate_exit := $nothing; $f := function($x) { $f($x) }; $f(1)) }}",
            "{{ ($input.* / 2; $input.constructor / 1) }}",
            "{{ ($x := 'looks like a string $eval(1)'; $x) }}",
    })
    void escapePayloadsAreRefusedAsForbidden(String payload) {
        assertThatThrownBy(() -> expressions.resolve(payload, scope))
                .isInstanceOfSatisfying(ExpressionFailure.class, failure -> {
                    assertThat(failure.code()).isEqualTo("forbidden");
                    assertThat(failure.getMessage()).doesNotContain("Exception").doesNotContain("\tat ");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{{ (function(){ return this })() }}",
            "{{ new Function(\"return process\")() }}",
            "{{ import(\"fs\") }}",
    })
    void javaScriptSyntaxIsNotJsonataAndFailsToParse(String payload) {
        assertThatThrownBy(() -> expressions.resolve(payload, scope))
                .isInstanceOfSatisfying(ExpressionFailure.class,
                        failure -> assertThat(failure.code()).isIn("syntax", "forbidden"));
    }

    @Test
    void javaLookingPathsOnlyReadTheData() throws Exception {
        assertThat(expressions.resolve("{{ java.lang.Runtime }}", scope)).isNull();
        assertThat(expressions.resolve("{{ $input.class }}", scope)).isNull();
        assertThat(expressions.resolve("{{ $env }}", scope)).isEqualTo(Map.of());
    }

    @Test
    void dataContainingExpressionsIsReturnedVerbatimNotEvaluatedAgain() throws Exception {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("comment", "{{ 1+1 }}");
        input.put("nested", Map.of("list", List.of("{{ $env }}", "{{ $eval('2') }}")));
        ExpressionScope fromATrigger = new ExpressionScope(input, Map.of("Webhook", Map.of("body", "{{ $execution.id }}")),
                Map.of("id", "exec-1"), Map.of());

        assertThat(expressions.resolve("{{ $input.comment }}", fromATrigger)).isEqualTo("{{ 1+1 }}");
        assertThat(expressions.resolve("said: {{ $input.comment }}", fromATrigger)).isEqualTo("said: {{ 1+1 }}");
        assertThat(expressions.resolve("{{ $input }}", fromATrigger)).isEqualTo(input);
        assertThat(expressions.resolve(Map.of("body", "{{ $node.Webhook.body }}"), fromATrigger))
                .isEqualTo(Map.of("body", "{{ $execution.id }}"));
        assertThat(expressions.evaluate("$input.nested.list", fromATrigger)).isEqualTo(List.of("{{ $env }}", "{{ $eval('2') }}"));
    }

    @Test
    void aProtoKeyInDataIsJustAKeyAndPollutesNothing() throws Exception {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("__proto__", Map.of("isAdmin", true));
        Object merged = expressions.evaluate("$merge([$input, {'name': 'x'}])", ExpressionScope.ofInput(input));

        assertThat(merged).isEqualTo(Map.of("__proto__", Map.of("isAdmin", true), "name", "x"));
        assertThat(expressions.evaluate("{}.isAdmin", ExpressionScope.ofInput(input))).isNull();
    }

    @Test
    void endlessTailRecursionRunsIntoTheTimeLimit() {
        assertFailsWith("timeout", "{{ ($f := function($x) { $f($x) }; $f(1)) }}");
    }

    @Test
    void deepRecursionRunsIntoTheDepthLimit() {
        assertFailsWith("timeout", "{{ ($f := function($x) { $f($x) + 1 }; $f(1)) }}");
    }

    @Test
    void aTightLoopOverHugeRangesRunsIntoTheTimeLimit() {
        assertFailsWith("timeout", "{{ $sum([1..1000000].($sum([1..1000000]))) }}");
    }

    @Test
    void aRangeLargerThanAResultMayBeIsRefused() {
        assertFailsWith("too-large", "{{ [1..10000000] }}");
        assertFailsWith("too-large", "{{ $count([1..10000000, 1..10000000]) }}");
    }

    @Test
    void aRegularExpressionThatBacktracksForEverIsStoppedByTheTimeLimit() {
        assertThatThrownBy(() -> expressions.evaluate("$contains($pad('', 3000, 'a'), /a*a*a*a*b/)", scope))
                .isInstanceOfSatisfying(ExpressionFailure.class, failure -> assertThat(failure.code()).isEqualTo("timeout"));
    }

    @Test
    void resultsAndStringsLargerThanTheSizeLimitAreRefused() {
        // With a generous time limit, so that on a busy machine the size limit is what stops them.
        Expressions patient = new Expressions(new ExpressionSettings(Duration.ofSeconds(30), DataSize.ofMegabytes(1), 100, List.of()),
                Clock.systemUTC(), Map.of());
        java.util.function.BiConsumer<String, String> assertFailsWith = (code, template) -> assertThatThrownBy(() -> patient.resolve(template, scope))
                .isInstanceOfSatisfying(ExpressionFailure.class, failure -> assertThat(failure.code()).isEqualTo(code));
        assertFailsWith.accept("too-large", "{{ $pad('', 100000000) }}");
        assertFailsWith.accept("too-large", "{{ ($s := $pad('', 1000, 'x'); $f := function($s, $n) { $n = 0 ? $s : $f($s & $s, $n - 1) }; $f($s, 40)) }}");
        assertFailsWith.accept("too-large", "{{ $join([1..100000].$string(), $pad('', 1000)) }}");
        assertFailsWith.accept("too-large", "{{ $replace($pad('', 10000, 'a'), 'a', $pad('', 10000, 'b')) }}");
        assertFailsWith.accept("too-large", "{{ ($a := [1..1000]; $b := [$a, $a, $a, $a, $a, $a, $a, $a, $a, $a];"
                + " $c := [$b, $b, $b, $b, $b, $b, $b, $b, $b, $b]; $string([$c, $c, $c, $c, $c, $c, $c, $c, $c, $c])) }}");
        assertFailsWith.accept("too-large", "{{ $fromMillis(0, '[Y,1000000000]') }}");
    }

    @Test
    void aSmallSizeLimitAppliesToTheWholeResult() {
        Expressions small = new Expressions(new ExpressionSettings(Duration.ofMillis(500), DataSize.ofKilobytes(1), 100, List.of()),
                Clock.systemUTC(), Map.of());

        assertThatThrownBy(() -> small.resolve("{{ [1..1000] }}", scope))
                .isInstanceOfSatisfying(ExpressionFailure.class, failure -> assertThat(failure.code()).isEqualTo("too-large"));
        assertThatThrownBy(() -> small.resolve("{{ $pad('x', 600) }} and {{ $pad('y', 600) }}", scope))
                .isInstanceOfSatisfying(ExpressionFailure.class, failure -> assertThat(failure.code()).isEqualTo("too-large"));
    }

    private void assertFailsWith(String code, String template) {
        assertThatThrownBy(() -> expressions.resolve(template, scope))
                .isInstanceOfSatisfying(ExpressionFailure.class, failure -> assertThat(failure.code()).isEqualTo(code));
    }
}
