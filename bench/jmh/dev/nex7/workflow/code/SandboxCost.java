package dev.nex7.workflow.code;

import java.util.Arrays;
import java.util.Map;

/**
 * Prints what one run of a tiny script costs in the JavaScript sandbox: the first run in a fresh JVM
 * (class loading, the WebAssembly module's metadata, compiling the harness) and warm runs. Numbers,
 * not assertions:
 *
 * <pre>{@code
 * ./nex7 mvn -q -Pbench -Dskip.npm=true -pl nex7-server test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp nex7-server/target/test-classes:nex7-server/target/classes:$(cat nex7-server/target/cp.txt) \
 *     dev.nex7.workflow.code.SandboxCost
 * }</pre>
 */
final class SandboxCost {

    private SandboxCost() {
    }

    public static void main(String[] args) throws Exception {
        JavaScriptSandbox sandbox = new JavaScriptSandbox(CodeSettings.defaults());
        long start = System.nanoTime();
        sandbox.run("return input + 1", Map.of("input", 1L));
        System.out.printf("cold: first run in a fresh JVM %.1f ms%n", (System.nanoTime() - start) / 1e6);
        for (int round = 1; round <= 3; round++) {
            long[] runs = new long[200];
            for (int i = 0; i < runs.length; i++) {
                long begin = System.nanoTime();
                sandbox.run("return input + 1", Map.of("input", (long) i));
                runs[i] = System.nanoTime() - begin;
            }
            Arrays.sort(runs);
            System.out.printf("warm round %d (%d runs): median %.2f ms, p90 %.2f ms, fastest %.2f ms%n", round, runs.length,
                    runs[runs.length / 2] / 1e6, runs[runs.length * 9 / 10] / 1e6, runs[0] / 1e6);
        }
    }
}
