package dev.nex7.platform.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Limits on what a request may carry.
 *
 * @param maxBodySize largest request body accepted; larger ones are answered 413
 * @param maxJsonDepth deepest JSON nesting accepted; deeper documents are answered 400
 * @param bodySizeByPath larger (or smaller) limits for exact request paths, such as the build-log
 *        analysis that takes logs of a few MiB
 */
@Validated
@ConfigurationProperties("nex7.http")
public record HttpSettings(
        @DefaultValue("1MB") @NotNull DataSize maxBodySize,
        @DefaultValue("32") @Min(2) @Max(1000) int maxJsonDepth,
        java.util.Map<String, DataSize> bodySizeByPath) {

    public HttpSettings {
        bodySizeByPath = bodySizeByPath == null ? java.util.Map.of() : java.util.Map.copyOf(bodySizeByPath);
    }

    /** The body limit of a request to {@code path}. */
    public long maxBodySize(String path) {
        DataSize own = bodySizeByPath.get(path);
        return (own != null ? own : maxBodySize).toBytes();
    }
}
