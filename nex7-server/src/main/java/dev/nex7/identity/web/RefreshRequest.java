package dev.nex7.identity.web;

import io.swagger.v3.oas.annotations.media.Schema;

/** Names the refresh token; browsers leave it out and send the HttpOnly cookie instead. */
public record RefreshRequest(
        @Schema(description = "The refresh token; omit to use the nex7_refresh cookie (then X-XSRF-TOKEN is required)")
        String refreshToken) {
}
