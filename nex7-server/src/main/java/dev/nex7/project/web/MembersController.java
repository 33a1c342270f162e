package dev.nex7.project.web;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.nex7.identity.AuthenticatedUser;
import dev.nex7.identity.UserId;
import dev.nex7.project.ProjectId;
import dev.nex7.project.ProjectMembership;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

/** Project members: members read, owners manage, anyone may leave, the last owner stays. */
@RestController
@RequestMapping("/api/projects/{projectId}/members")
@Tag(name = "Project members")
class MembersController {

    private final ProjectMembership membership;

    MembersController(ProjectMembership membership) {
        this.membership = membership;
    }

    @GetMapping
    @Operation(summary = "The project's members")
    @ApiResponse(responseCode = "200", description = "The members")
    @ApiResponse(responseCode = "404", description = "No such project, or you are not a member")
    List<MemberView> list(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID projectId) {
        return membership.list(new ProjectId(projectId), user.id()).stream().map(MemberView::of).toList();
    }

    @PostMapping
    @Operation(summary = "Add an existing account as a member (owner)")
    @ApiResponse(responseCode = "201", description = "Added")
    @ApiResponse(responseCode = "403", description = "Only owners manage members")
    @ApiResponse(responseCode = "404", description = "No such project, or no account with this email")
    @ApiResponse(responseCode = "409", description = "Already a member")
    ResponseEntity<MemberView> add(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID projectId,
            @Valid @RequestBody AddMemberRequest request) {
        MemberView added = MemberView.of(membership.add(new ProjectId(projectId), user.id(), request.email(),
                request.role()));
        return ResponseEntity.created(URI.create("/api/projects/" + projectId + "/members/" + added.userId()))
                .body(added);
    }

    @PatchMapping("/{userId}")
    @Operation(summary = "Change a member's role (owner)")
    @ApiResponse(responseCode = "200", description = "The member")
    @ApiResponse(responseCode = "403", description = "Only owners manage members")
    @ApiResponse(responseCode = "404", description = "No such project or member")
    @ApiResponse(responseCode = "409", description = "The last owner cannot be demoted")
    MemberView changeRole(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID projectId,
            @PathVariable UUID userId, @Valid @RequestBody ChangeMemberRoleRequest request) {
        return MemberView.of(membership.changeRole(new ProjectId(projectId), user.id(), new UserId(userId),
                request.role()));
    }

    @DeleteMapping("/{userId}")
    @Operation(summary = "Remove a member (owner), or leave (yourself)")
    @ApiResponse(responseCode = "204", description = "Removed")
    @ApiResponse(responseCode = "403", description = "Only owners remove others")
    @ApiResponse(responseCode = "404", description = "No such project or member")
    @ApiResponse(responseCode = "409", description = "The last owner cannot leave")
    ResponseEntity<Void> remove(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID projectId,
            @PathVariable UUID userId) {
        membership.remove(new ProjectId(projectId), user.id(), new UserId(userId));
        return ResponseEntity.noContent().build();
    }
}
