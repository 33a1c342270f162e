package dev.nex7.identity;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * Accounts and tokens.
 *
 * @param issuer the {@code iss} of access tokens, and the only one accepted
 * @param audience the {@code aud} of access tokens, and the only one accepted
 * @param accessTokenTtl lifetime of an access token
 * @param refreshTokenTtl absolute lifetime of a sign-in; rotation does not extend it
 * @param keyRotation age after which a new signing key replaces the active one
 * @param clockSkew tolerance when checking token times
 * @param adminEmail the account that becomes admin on registration (env {@code NEX7_ADMIN_EMAIL});
 *        when blank, the first account created becomes admin
 * @param signInAttempts sign-in attempts allowed per client address and email within {@code signInWindow}
 * @param signInAttemptsPerAddress sign-in attempts allowed per client address (any email) within the window
 * @param signInWindow the window over which sign-in attempts refill
 * @param registrationsPerAddress registrations allowed per client address within {@code registrationWindow}
 * @param registrationWindow the window over which registrations refill
 */
@Validated
@ConfigurationProperties("nex7.identity")
public record IdentitySettings(
        @DefaultValue("nex7") @NotBlank String issuer,
        @DefaultValue("nex7-api") @NotBlank String audience,
        @DefaultValue("15m") @NotNull Duration accessTokenTtl,
        @DefaultValue("7d") @NotNull Duration refreshTokenTtl,
        @DefaultValue("30d") @NotNull Duration keyRotation,
        @DefaultValue("30s") @NotNull Duration clockSkew,
        String adminEmail,
        @DefaultValue("10") @Min(1) int signInAttempts,
        @DefaultValue("100") @Min(1) int signInAttemptsPerAddress,
        @DefaultValue("5m") @NotNull Duration signInWindow,
        @DefaultValue("20") @Min(1) int registrationsPerAddress,
        @DefaultValue("1h") @NotNull Duration registrationWindow) {
}
