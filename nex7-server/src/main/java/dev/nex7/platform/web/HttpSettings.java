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
 */
@Validated
@ConfigurationProperties("nex7.http")
public record HttpSettings(
        @DefaultValue("1MB") @NotNull DataSize maxBodySize,
        @DefaultValue("32") @Min(2) @Max(1000) int maxJsonDepth) {
}
