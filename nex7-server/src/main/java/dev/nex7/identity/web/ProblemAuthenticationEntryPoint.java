package dev.nex7.identity.web;

import java.io.IOException;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.AuthenticationEntryPoint;

import dev.nex7.platform.web.ProblemWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** 401 as Problem Details, with the RFC 6750 {@code WWW-Authenticate} challenge. */
class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

    private final ProblemWriter problems;

    ProblemAuthenticationEntryPoint(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        boolean badToken = failure instanceof InvalidBearerTokenException
                || failure.getClass().getSimpleName().contains("OAuth2");
        response.setHeader("WWW-Authenticate", badToken
                ? "Bearer error=\"invalid_token\", error_description=\"The access token is not valid\""
                : "Bearer");
        problems.write(request, response, HttpStatus.UNAUTHORIZED, badToken ? "invalid-token" : "unauthorized",
                "Unauthorized", badToken ? "The access token is missing, expired or not valid; sign in again."
                        : "Sign in to do this.");
    }
}
