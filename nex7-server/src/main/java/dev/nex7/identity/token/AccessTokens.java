package dev.nex7.identity.token;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import dev.nex7.identity.IdentitySettings;
import dev.nex7.identity.UserId;

/**
 * Issues and verifies access tokens: ES256 JWTs of type {@code at+jwt} (RFC 9068) with
 * {@code kid}, {@code iss}, {@code aud}, {@code sub}, {@code exp}, {@code iat}, {@code jti} and
 * a {@code token_use} claim of {@code access}. Only ES256 is accepted, so {@code alg: none} and
 * HMAC/RSA confusion fail before any signature check.
 */
@Component
public class AccessTokens {

    public static final String TYPE = "at+jwt";
    public static final String USE_CLAIM = "token_use";

    private final KeyRing keyRing;
    private final IdentitySettings settings;
    private final Clock clock;

    AccessTokens(KeyRing keyRing, IdentitySettings settings, Clock clock) {
        this.keyRing = keyRing;
        this.settings = settings;
        this.clock = clock;
    }

    /** A signed token for {@code user}, valid for the configured lifetime. */
    public IssuedAccessToken issue(UserId user) {
        ECKey key = keyRing.signingKey();
        Instant now = clock.instant();
        Instant expires = now.plus(settings.accessTokenTtl());
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(settings.issuer())
                .audience(settings.audience())
                .subject(user.toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(expires))
                .jwtID(UUID.randomUUID().toString())
                .claim(USE_CLAIM, "access")
                .build();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID())
                .type(new JOSEObjectType(TYPE)).build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not sign an access token", e);
        }
        return new IssuedAccessToken(jwt.serialize(), settings.accessTokenTtl().toSeconds(), expires);
    }

    /**
     * The decoder the resource server uses: ES256 only, keys from the ring, every claim checked.
     * Verifying a P-256 signature costs far more than the rest of a typical request, and a client
     * sends the same token many times; so the signature check's result is cached per token (up to
     * its lifetime), while the claim validators, expiry included, run on every request.
     */
    public JwtDecoder decoder() {
        JWKSource<SecurityContext> source = (JWKSelector selector, SecurityContext context) -> {
            String kid = selector.getMatcher().getKeyIDs() == null || selector.getMatcher().getKeyIDs().isEmpty()
                    ? null : selector.getMatcher().getKeyIDs().iterator().next();
            return selector.select(keyRing.publicKeysIncluding(kid));
        };
        NimbusJwtDecoder signatureOnly = NimbusJwtDecoder.withJwkSource(source)
                .jwsAlgorithm(SignatureAlgorithm.ES256)
                .build();
        signatureOnly.setJwtValidator(jwt -> OAuth2TokenValidatorResult.success());
        Cache<String, Jwt> verified = Caffeine.newBuilder().maximumSize(50_000)
                .expireAfterWrite(settings.accessTokenTtl().plus(settings.clockSkew())).build();
        OAuth2TokenValidator<Jwt> validator = validator();
        return token -> {
            Jwt jwt = verified.get(token, signatureOnly::decode);
            OAuth2TokenValidatorResult result = validator.validate(jwt);
            if (result.hasErrors()) {
                throw new JwtValidationException("The access token is not valid", result.getErrors());
            }
            return jwt;
        };
    }

    private OAuth2TokenValidator<Jwt> validator() {
        JwtTimestampValidator timestamps = new JwtTimestampValidator(settings.clockSkew());
        timestamps.setClock(clock);
        return new DelegatingOAuth2TokenValidator<>(List.of(
                timestamps,
                new JwtTypeValidator(TYPE),
                new JwtIssuerValidator(settings.issuer()),
                new JwtAudienceValidator(settings.audience()),
                new JwtClaimValidator<String>(USE_CLAIM, "access"::equals),
                new JwtClaimValidator<String>("sub", sub -> sub != null && !sub.isBlank()),
                new JwtClaimValidator<String>("jti", jti -> jti != null && !jti.isBlank()),
                new JwtClaimValidator<Instant>("exp", exp -> exp != null),
                new JwtClaimValidator<Instant>("iat", iat -> iat != null)));
    }

    /** A freshly issued access token. */
    public record IssuedAccessToken(String value, long expiresInSeconds, Instant expiresAt) {
    }
}
