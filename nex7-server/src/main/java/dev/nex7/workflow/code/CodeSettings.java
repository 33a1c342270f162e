package dev.nex7.workflow.code;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Limits of the JavaScript sandbox that runs Code nodes.
 *
 * @param timeout wall-clock time one script may run; the sandbox stops it when it is up
 * @param memoryLimit the script's whole WebAssembly memory (QuickJS itself takes about 1.2 MB of it)
 * @param maxOutputSize the largest result a script may return, measured as its JSON text
 * @param maxLogLines {@code console.log} lines kept per run; later ones are dropped
 * @param maxConcurrentRuns scripts running at the same time; more wait for a free slot. Each run may
 *     use {@code memoryLimit} of heap, so this bounds the sandbox's memory as a whole
 */
@Validated
@ConfigurationProperties("nex7.workflow.code")
public record CodeSettings(
        @DefaultValue("1s") @NotNull Duration timeout,
        @DefaultValue("64MB") @NotNull DataSize memoryLimit,
        @DefaultValue("1MB") @NotNull DataSize maxOutputSize,
        @DefaultValue("100") @Min(0) @Max(10_000) int maxLogLines,
        @DefaultValue("4") @Min(1) @Max(256) int maxConcurrentRuns) {

    public CodeSettings {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("nex7.workflow.code.timeout must be positive");
        }
        if (memoryLimit == null || memoryLimit.toMegabytes() < 4 || memoryLimit.toMegabytes() > 4096) {
            throw new IllegalArgumentException("nex7.workflow.code.memory-limit must be between 4MB and 4GB");
        }
        if (maxOutputSize == null || maxOutputSize.toBytes() < 1 || maxOutputSize.toBytes() > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException("nex7.workflow.code.max-output-size must be between 1B and 1GB");
        }
    }

    /** The defaults: 1 s, 64 MB, 1 MB of output, 100 log lines, 4 runs at once. */
    public static CodeSettings defaults() {
        return new CodeSettings(Duration.ofSeconds(1), DataSize.ofMegabytes(64), DataSize.ofMegabytes(1), 100, 4);
    }
}
