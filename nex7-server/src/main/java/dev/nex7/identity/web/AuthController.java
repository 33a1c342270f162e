package dev.nex7.identity.web;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.nex7.identity.account.Account;
import dev.nex7.identity.account.Accounts;
import dev.nex7.identity.token.Sessions;
import dev.nex7.identity.token.Sessions.TokenPair;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;

/** Registration, sign-in, token refresh and sign-out: the public part of the API. */
@RestController
@RequestMapping("/api/auth")
@Tag(name = "Authentication")
@SecurityRequirements
class AuthController {

    private final Accounts accounts;
    private final Sessions sessions;
    private final SessionCookies cookies;

    private final AuthThrottle throttle;

    AuthController(Accounts accounts, Sessions sessions, SessionCookies cookies, AuthThrottle throttle) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.cookies = cookies;
        this.throttle = throttle;
    }

    @PostMapping("/register")
    @Operation(summary = "Create an account", description = "The first account (or the one named by NEX7_ADMIN_EMAIL) becomes admin.")
    @ApiResponse(responseCode = "201", description = "Created")
    @ApiResponse(responseCode = "400", description = "Invalid email, name or password (every problem listed in errors)")
    @ApiResponse(responseCode = "409", description = "The email cannot be used")
    @ApiResponse(responseCode = "429", description = "Too many registrations from this address; see Retry-After")
    ResponseEntity<UserView> register(@RequestBody RegisterRequest request, HttpServletRequest http) {
        throttle.registration(http.getRemoteAddr());
        Account account = accounts.register(request.email(), request.password(), request.name());
        return ResponseEntity.created(URI.create("/api/me")).body(UserView.of(account));
    }

    @PostMapping("/login")
    @Operation(summary = "Sign in with email and password")
    @Parameter(in = ParameterIn.HEADER, name = SessionCookies.TRANSPORT_HEADER,
            description = "'cookie' puts the refresh token in an HttpOnly cookie instead of the body")
    @ApiResponse(responseCode = "200", description = "Signed in")
    @ApiResponse(responseCode = "401", description = "Wrong email or password")
    @ApiResponse(responseCode = "429", description = "Too many attempts from this address; see Retry-After")
    TokenResponse login(@Valid @RequestBody LoginRequest request, HttpServletRequest http,
            HttpServletResponse response) {
        throttle.signIn(http.getRemoteAddr(), request.email());
        Account account = accounts.authenticate(request.email(), request.password());
        return answer(sessions.start(account.id()), http, response);
    }

    @PostMapping("/refresh")
    @Operation(summary = "Exchange a refresh token for a new pair",
            description = "The presented token dies. Presenting a dead token again revokes the whole sign-in.")
    @Parameter(in = ParameterIn.HEADER, name = SessionCookies.TRANSPORT_HEADER,
            description = "'cookie' puts the new refresh token in the HttpOnly cookie")
    @Parameter(in = ParameterIn.HEADER, name = SessionCookies.CSRF_HEADER,
            description = "Required when the refresh token comes from the cookie: the XSRF-TOKEN cookie's value")
    @ApiResponse(responseCode = "200", description = "A new token pair")
    @ApiResponse(responseCode = "401", description = "The refresh token is unknown, spent, revoked or expired")
    @ApiResponse(responseCode = "403", description = "Cookie used without the CSRF header")
    TokenResponse refresh(@RequestBody(required = false) RefreshRequest request, HttpServletRequest http,
            HttpServletResponse response) {
        String presented = cookies.presented(http, request);
        try {
            return answer(sessions.refresh(presented), http, response);
        } catch (Sessions.SessionInvalid e) {
            cookies.clear(http, response);
            throw e;
        }
    }

    @PostMapping("/logout")
    @Operation(summary = "Sign out: revoke the refresh token's whole sign-in")
    @ApiResponse(responseCode = "204", description = "Signed out")
    @ApiResponse(responseCode = "403", description = "Cookie used without the CSRF header")
    ResponseEntity<Void> logout(@RequestBody(required = false) RefreshRequest request, HttpServletRequest http,
            HttpServletResponse response) {
        sessions.end(cookies.presented(http, request));
        cookies.clear(http, response);
        return ResponseEntity.status(HttpStatus.NO_CONTENT).build();
    }

    private TokenResponse answer(TokenPair pair, HttpServletRequest http, HttpServletResponse response) {
        String refresh = pair.refreshToken();
        if (SessionCookies.wantsCookie(http)) {
            cookies.set(http, response, refresh, pair.refreshExpiresAt());
            refresh = null;
        }
        response.setHeader("Cache-Control", "no-store");
        return new TokenResponse(pair.access().value(), "Bearer", pair.access().expiresInSeconds(), refresh);
    }
}
