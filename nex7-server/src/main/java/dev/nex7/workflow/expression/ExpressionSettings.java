package dev.nex7.workflow.expression;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Limits of {@code {{ }}} expressions (JSONata).
 *
 * @param timeout wall-clock time one {@link Expressions#resolve resolve} or {@link Expressions#evaluate evaluate}
 *     call may take, for all the expressions it evaluates together
 * @param maxResultSize the largest value one expression may produce, measured as its JSON text; it also
 *     caps every string built while evaluating
 * @param maxDepth how deeply evaluation may nest (function calls, sub-expressions) before it is stopped
 * @param envAllowList names of environment variables that expressions may read as {@code $env.NAME};
 *     every other variable is invisible
 */
@Validated
@ConfigurationProperties("nex7.workflow.expression")
public record ExpressionSettings(
        @DefaultValue("500ms") @NotNull Duration timeout,
        @DefaultValue("1MB") @NotNull DataSize maxResultSize,
        @DefaultValue("100") @Min(10) @Max(10_000) int maxDepth,
        @DefaultValue List<String> envAllowList) {

    public ExpressionSettings {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("nex7.workflow.expression.timeout must be positive");
        }
        if (maxResultSize == null || maxResultSize.toBytes() < 1024 || maxResultSize.toBytes() > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException("nex7.workflow.expression.max-result-size must be between 1KB and 1GB");
        }
        envAllowList = envAllowList == null ? List.of() : List.copyOf(envAllowList);
    }

    /** The defaults: 500 ms, 1 MB, depth 100, no environment variables. */
    public static ExpressionSettings defaults() {
        return new ExpressionSettings(Duration.ofMillis(500), DataSize.ofMegabytes(1), 100, List.of());
    }
}
