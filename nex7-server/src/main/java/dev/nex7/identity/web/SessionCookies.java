package dev.nex7.identity.web;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

import dev.nex7.platform.ApiProblem;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The browser's side of a session: the refresh token in an HttpOnly, SameSite=Strict cookie that
 * only {@code /api/auth} ever sees, and a readable CSRF token cookie that the web UI echoes in
 * {@code X-XSRF-TOKEN} (double submit). A request authenticated by the cookie must carry the
 * matching header; a cross-site page can neither read the cookie nor set the header.
 */
@Component
class SessionCookies {

    static final String TRANSPORT_HEADER = "X-Refresh-Token-Transport";
    static final String REFRESH_COOKIE = "nex7_refresh";
    static final String CSRF_COOKIE = "XSRF-TOKEN";
    static final String CSRF_HEADER = "X-XSRF-TOKEN";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;

    SessionCookies(Clock clock) {
        this.clock = clock;
    }

    static boolean wantsCookie(HttpServletRequest request) {
        return "cookie".equalsIgnoreCase(request.getHeader(TRANSPORT_HEADER));
    }

    void set(HttpServletRequest request, HttpServletResponse response, String refreshToken, Instant expiresAt) {
        Duration maxAge = Duration.between(clock.instant(), expiresAt);
        byte[] csrf = new byte[24];
        RANDOM.nextBytes(csrf);
        add(response, ResponseCookie.from(REFRESH_COOKIE, refreshToken).httpOnly(true).secure(request.isSecure())
                .sameSite("Strict").path("/api/auth").maxAge(maxAge).build());
        add(response, ResponseCookie.from(CSRF_COOKIE, Base64.getUrlEncoder().withoutPadding().encodeToString(csrf))
                .httpOnly(false).secure(request.isSecure()).sameSite("Strict").path("/").maxAge(maxAge).build());
    }

    void clear(HttpServletRequest request, HttpServletResponse response) {
        add(response, ResponseCookie.from(REFRESH_COOKIE, "").httpOnly(true).secure(request.isSecure())
                .sameSite("Strict").path("/api/auth").maxAge(0).build());
        add(response, ResponseCookie.from(CSRF_COOKIE, "").secure(request.isSecure()).sameSite("Strict").path("/")
                .maxAge(0).build());
    }

    /**
     * The refresh token the request presents: from the body when given there (the caller holds it,
     * so no CSRF risk), otherwise from the cookie, which then requires the matching CSRF header.
     */
    String presented(HttpServletRequest request, RefreshRequest body) {
        if (body != null && body.refreshToken() != null && !body.refreshToken().isBlank()) {
            return body.refreshToken();
        }
        String fromCookie = cookie(request, REFRESH_COOKIE);
        if (fromCookie == null) {
            return null;
        }
        String expected = cookie(request, CSRF_COOKIE);
        String given = request.getHeader(CSRF_HEADER);
        if (expected == null || given == null || !MessageDigest.isEqual(expected.getBytes(), given.getBytes())) {
            throw new CsrfTokenMissing();
        }
        return fromCookie;
    }

    private static String cookie(HttpServletRequest request, String name) {
        if (request.getCookies() == null) {
            return null;
        }
        for (Cookie cookie : request.getCookies()) {
            if (cookie.getName().equals(name) && !cookie.getValue().isEmpty()) {
                return cookie.getValue();
            }
        }
        return null;
    }

    private static void add(HttpServletResponse response, ResponseCookie cookie) {
        response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
    }

    /** A cookie-authenticated request came without the matching CSRF header. */
    static final class CsrfTokenMissing extends ApiProblem {
        CsrfTokenMissing() {
            super(HttpStatus.FORBIDDEN, "csrf-token-invalid", "CSRF check failed",
                    "Requests authenticated by the session cookie must send the X-XSRF-TOKEN header.");
        }
    }
}
