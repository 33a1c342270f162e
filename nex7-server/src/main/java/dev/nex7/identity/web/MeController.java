package dev.nex7.identity.web;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.nex7.identity.AuthenticatedUser;
import dev.nex7.identity.account.Accounts;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The signed-in user's own profile. */
@RestController
@RequestMapping("/api/me")
@Tag(name = "Profile")
class MeController {

    private final Accounts accounts;

    MeController(Accounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping
    @Operation(summary = "Your profile")
    @ApiResponse(responseCode = "200", description = "The profile")
    @ApiResponse(responseCode = "401", description = "Not signed in")
    UserView me(@AuthenticationPrincipal AuthenticatedUser user) {
        return UserView.of(accounts.get(user.id()));
    }

    @PatchMapping
    @Operation(summary = "Change your name or avatar", description = "A role in the payload is an unknown field: 400.")
    @ApiResponse(responseCode = "200", description = "The updated profile")
    @ApiResponse(responseCode = "400", description = "Invalid or unknown fields")
    UserView update(@AuthenticationPrincipal AuthenticatedUser user, @RequestBody UpdateProfileRequest request) {
        return UserView.of(accounts.updateProfile(user.id(), request.name().change(), request.avatarUrl().change()));
    }
}
