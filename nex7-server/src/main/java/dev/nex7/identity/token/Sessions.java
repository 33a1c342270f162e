package dev.nex7.identity.token;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import dev.nex7.identity.IdentitySettings;
import dev.nex7.identity.UserId;
import dev.nex7.platform.ApiProblem;

/**
 * Sign-in sessions as refresh-token families. Each refresh spends the presented token and issues
 * the next one of the family, keeping the family's absolute expiry. Presenting a spent token again
 * means it was copied: the whole family is revoked, so neither the thief nor the owner can go on.
 */
@Service
public class Sessions {

    private static final Logger log = LoggerFactory.getLogger(Sessions.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final RefreshTokens tokens;
    private final AccessTokens accessTokens;
    private final TransactionTemplate transactions;
    private final IdentitySettings settings;
    private final Clock clock;

    Sessions(RefreshTokens tokens, AccessTokens accessTokens, TransactionTemplate transactions,
            IdentitySettings settings, Clock clock) {
        this.tokens = tokens;
        this.accessTokens = accessTokens;
        this.transactions = transactions;
        this.settings = settings;
        this.clock = clock;
    }

    /** Starts a new family for a user who just proved who they are. */
    public TokenPair start(UserId user) {
        Instant now = clock.instant();
        Instant expires = now.plus(settings.refreshTokenTtl());
        String refresh = newToken();
        transactions.executeWithoutResult(s -> tokens.insert(UUID.randomUUID(), user, hash(refresh), now, expires));
        return new TokenPair(accessTokens.issue(user), refresh, expires, user);
    }

    /** Spends {@code presented} and returns the next pair of its family. */
    public TokenPair refresh(String presented) {
        if (presented == null || presented.isBlank() || presented.length() > 200) {
            throw new SessionInvalid();
        }
        String hash = hash(presented);
        Instant now = clock.instant();
        String next = newToken();
        Optional<RefreshTokens.Spent> spent = transactions.execute(status -> {
            Optional<RefreshTokens.Spent> s = tokens.spend(hash, now);
            s.ifPresent(t -> tokens.insert(t.familyId(), t.userId(), hash(next), now, t.expiresAt()));
            return s;
        });
        if (spent.isPresent()) {
            return new TokenPair(accessTokens.issue(spent.get().userId()), next, spent.get().expiresAt(),
                    spent.get().userId());
        }
        tokens.find(hash).ifPresent(found -> {
            if (found.used() && !found.revoked()) {
                int revoked = transactions.execute(status -> tokens.revokeFamily(found.familyId(), now));
                log.warn("A spent refresh token was presented again; revoked its session family {} ({} tokens)",
                        found.familyId(), revoked);
            }
        });
        throw new SessionInvalid();
    }

    /** Ends the sign-in the token belongs to, whatever state the token is in. */
    public void end(String presented) {
        if (presented == null || presented.isBlank() || presented.length() > 200) {
            return;
        }
        Instant now = clock.instant();
        tokens.find(hash(presented))
                .ifPresent(found -> transactions.executeWithoutResult(s -> tokens.revokeFamily(found.familyId(), now)));
    }

    /** Ends every sign-in of a user (after a role change, for instance). */
    public void endAll(UserId user) {
        Instant now = clock.instant();
        transactions.executeWithoutResult(s -> tokens.revokeAllOf(user, now));
    }

    /** Keeps the table small; spent tokens stay a day past expiry so late reuse is still recognised. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    void purgeExpired() {
        int deleted = tokens.deleteExpiredBefore(clock.instant().minus(Duration.ofDays(1)));
        if (deleted > 0) {
            log.info("Purged {} expired refresh tokens", deleted);
        }
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(
                    token.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An access token and the refresh token that comes with it. */
    public record TokenPair(AccessTokens.IssuedAccessToken access, String refreshToken, Instant refreshExpiresAt,
            UserId user) {
    }

    /** The refresh token is unknown, spent, revoked or expired. */
    public static final class SessionInvalid extends ApiProblem {
        public SessionInvalid() {
            super(HttpStatus.UNAUTHORIZED, "session-invalid", "Session expired",
                    "This session is no longer valid. Sign in again.");
        }
    }
}
