package dev.nex7.workflow.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class JavaScriptSandboxTests {

    private final JavaScriptSandbox sandbox = new JavaScriptSandbox(
            new CodeSettings(Duration.ofSeconds(2), DataSize.ofMegabytes(32), DataSize.ofKilobytes(64), 5, 4));

    @Test
    void theReturnedValueComesBackAsPlainJson() throws Exception {
        Object value = sandbox.run("return { n: 42, half: 0.5, list: [1, 'two', null, true], nested: { ok: true } }", Map.of()).value();

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("n", 42L);
        expected.put("half", 0.5);
        expected.put("list", java.util.Arrays.asList(1L, "two", null, true));
        expected.put("nested", Map.of("ok", true));
        assertThat(value).isEqualTo(expected);
        assertThat(sandbox.run("const x = 1;", Map.of()).value()).isNull();
        assertThat(sandbox.run("return 'text'", Map.of()).value()).isEqualTo("text");
    }

    @Test
    void theScriptSeesItsVariablesAndMayAwait() throws Exception {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("input", Map.of("items", List.of(1L, 2L, 3L)));
        variables.put("execution", Map.of("id", "exec-1"));

        Object value = sandbox.run("""
                const total = input.items.reduce((a, b) => a + b, 0);
                await Promise.resolve();
                return { total, execution: execution.id };
                """, variables).value();

        assertThat(value).isEqualTo(Map.of("total", 6L, "execution", "exec-1"));
    }

    @Test
    void consoleLinesAreCollectedUpToTheLimit() throws Exception {
        ScriptResult result = sandbox.run("""
                console.log('hello', { a: 1 }, [2]);
                console.error('careful');
                for (let i = 0; i < 100; i++) console.log('line', i);
                return 1;
                """, Map.of());

        assertThat(result.logs()).hasSize(5).startsWith("hello {\"a\":1} [2]", "careful");
    }

    @Test
    void aGlobalSetInOneRunIsUndefinedInTheNext() throws Exception {
        assertThat(sandbox.run("globalThis.leak = 'secret'; Object.prototype.polluted = true; return leak", Map.of()).value())
                .isEqualTo("secret");

        assertThat(sandbox.run("return [typeof leak, typeof ({}).polluted]", Map.of()).value())
                .isEqualTo(List.of("undefined", "undefined"));
    }

    @Test
    void theHostIsOutOfReach() throws Exception {
        Object value = sandbox.run("""
                return ['require', 'process', 'fetch', 'XMLHttpRequest', 'WebSocket', 'java_invoke', 'Javy', 'nex7',
                        'quickjs4j_engine', 'plugin', 'std', 'os', 'Java', 'Packages', 'WebAssembly', 'Deno', 'Bun']
                    .filter(name => typeof globalThis[name] !== 'undefined');
                """, Map.of()).value();

        assertThat(value).isEqualTo(List.of());
        assertThat(sandbox.run("return typeof new Function('return this')().process", Map.of()).value()).isEqualTo("undefined");
        assertThatThrownBy(() -> sandbox.run("return await import('fs')", Map.of()))
                .isInstanceOfSatisfying(ScriptFailure.class, failure -> assertThat(failure.code()).isEqualTo("script-error"));
        assertThatThrownBy(() -> sandbox.run("return require('child_process').execSync('id')", Map.of()))
                .isInstanceOfSatisfying(ScriptFailure.class, failure -> assertThat(failure.getMessage()).contains("require"));
    }

    @Test
    void anEndlessLoopIsStoppedByTheTimeLimit() throws Exception {
        JavaScriptSandbox quick = new JavaScriptSandbox(
                new CodeSettings(Duration.ofMillis(300), DataSize.ofMegabytes(32), DataSize.ofMegabytes(1), 10, 2));

        assertThatThrownBy(() -> quick.run("console.log('before'); while (true) {}", Map.of()))
                .isInstanceOfSatisfying(ScriptFailure.class, failure -> {
                    assertThat(failure.code()).isEqualTo("timeout");
                    assertThat(failure.logs()).containsExactly("before");
                });
        assertThat(quick.run("return 'still works'", Map.of()).value()).isEqualTo("still works");
    }

    @Test
    void runawayAllocationIsStoppedByTheMemoryLimitWithoutHarmingTheJvm() throws Exception {
        assertThatThrownBy(() -> sandbox.run("let a = []; while (true) a.push(new Array(1e6).fill(1))", Map.of()))
                .isInstanceOfSatisfying(ScriptFailure.class, failure -> assertThat(failure.code()).isEqualTo("memory"));
        assertThatThrownBy(() -> sandbox.run("let s = 'x'; while (true) s = s + s", Map.of()))
                .isInstanceOfSatisfying(ScriptFailure.class, failure -> assertThat(failure.code()).isIn("memory", "script-error"));
        assertThat(sandbox.run("return new Array(1000).fill(7).length", Map.of()).value()).isEqualTo(1000L);
    }

    @Test
    void endlessRecursionIsAScriptError() {
        assertThatThrownBy(() -> sandbox.run("function f(n) { return f(n + 1) + 1 } return f(0)", Map.of()))
                .isInstanceOfSatisfying(ScriptFailure.class, failure -> {
                    assertThat(failure.code()).isEqualTo("script-error");
                    assertThat(failure.getMessage()).containsIgnoringCase("recursion");
                });
    }

    @Test
    void errorsNameTheLineOfTheScript() {
        assertThatThrownBy(() -> sandbox.run("const o = {};\n\no.missing();", Map.of()))
                .isInstanceOfSatisfying(ScriptFailure.class, failure -> {
                    assertThat(failure.code()).isEqualTo("script-error");
                    assertThat(failure.line()).isEqualTo(3);
                    assertThat(failure.getMessage()).startsWith("TypeError").contains("line 3");
                });
        assertThatThrownBy(() -> sandbox.run("const ok = 1;\nlet = ;", Map.of()))
                .isInstanceOfSatisfying(ScriptFailure.class, failure -> {
                    assertThat(failure.getMessage()).startsWith("SyntaxError");
                    assertThat(failure.line()).isEqualTo(2);
                });
        assertThatThrownBy(() -> sandbox.run("await null;\nthrow new RangeError('nope')", Map.of()))
                .isInstanceOfSatisfying(ScriptFailure.class, failure -> {
                    assertThat(failure.getMessage()).isEqualTo("RangeError: nope (line 2)");
                });
        assertThatThrownBy(() -> sandbox.run("throw 'just a string'", Map.of()))
                .isInstanceOfSatisfying(ScriptFailure.class,
                        failure -> assertThat(failure.getMessage()).contains("Uncaught just a string"));
    }

    @Test
    void resultsThatAreNotJsonOrTooLargeAreRefused() {
        assertThatThrownBy(() -> sandbox.run("return 10n", Map.of()))
                .isInstanceOfSatisfying(ScriptFailure.class, failure -> {
                    assertThat(failure.code()).isEqualTo("script-error");
                    assertThat(failure.getMessage()).contains("not JSON");
                });
        assertThatThrownBy(() -> sandbox.run("return 'x'.repeat(100000)", Map.of()))
                .isInstanceOfSatisfying(ScriptFailure.class, failure -> assertThat(failure.code()).isEqualTo("too-large"));
    }

    @Test
    void aScriptThatNeverSettlesIsAScriptError() {
        assertThatThrownBy(() -> sandbox.run("await new Promise(() => {}); return 1", Map.of()))
                .isInstanceOfSatisfying(ScriptFailure.class, failure -> {
                    assertThat(failure.code()).isEqualTo("script-error");
                    assertThat(failure.getMessage()).contains("never");
                });
    }

    @Test
    void variableNamesMustBeJavaScriptIdentifiers() {
        assertThatThrownBy(() -> sandbox.run("return 1", Map.of("a); process.exit(", 1L)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sandbox.run("return 1", Map.of("this", 1L)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void runsInParallelStayApart() throws Exception {
        List<Future<ScriptResult>> runs = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
            for (long i = 0; i < 12; i++) {
                long n = i;
                runs.add(pool.submit(() -> sandbox.run("globalThis.mine = n; await null; return mine * 2", Map.of("n", n))));
            }
            for (int i = 0; i < runs.size(); i++) {
                assertThat(runs.get(i).get().value()).isEqualTo(i * 2L);
            }
        }
    }
}
