package dev.nex7.identity.web;

import io.swagger.v3.oas.annotations.media.Schema;

/** A fresh access token, and the refresh token unless it went into the cookie. */
public record TokenResponse(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String accessToken,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "Bearer") String tokenType,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "Seconds until the access token expires",
                example = "900") long expiresIn,
        @Schema(description = "Null when the refresh token was set as the nex7_refresh cookie") String refreshToken) {
}
