package dev.nex7.project.web;

import java.time.Instant;
import java.util.UUID;

import dev.nex7.project.ProjectMembership.MemberDetails;
import dev.nex7.project.ProjectRole;
import io.swagger.v3.oas.annotations.media.Schema;

/** A project member. */
public record MemberView(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) UUID userId,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String email,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String name,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {"owner", "editor", "viewer"}) ProjectRole role,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Instant addedAt) {

    static MemberView of(MemberDetails member) {
        return new MemberView(member.userId().value(), member.email(), member.name(), member.role(), member.addedAt());
    }
}
