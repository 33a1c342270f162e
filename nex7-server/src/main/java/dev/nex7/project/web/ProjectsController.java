package dev.nex7.project.web;

import java.net.URI;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.nex7.identity.AuthenticatedUser;
import dev.nex7.platform.PageQuery;
import dev.nex7.platform.PageView;
import dev.nex7.project.ProjectCatalog;
import dev.nex7.project.ProjectId;
import dev.nex7.project.persistence.Projects.WithRole;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Projects the caller is a member of. Non-members get 404 for a project and everything under it. */
@RestController
@RequestMapping("/api/projects")
@Tag(name = "Projects")
class ProjectsController {

    private final ProjectCatalog catalog;

    ProjectsController(ProjectCatalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping
    @Operation(summary = "Your projects", description = "Sortable by name, createdAt, updatedAt, status, type; q filters by name.")
    @ApiResponse(responseCode = "200", description = "A page of projects")
    @ApiResponse(responseCode = "400", description = "Invalid page, size, sort or q")
    PageView<ProjectView> list(@AuthenticationPrincipal AuthenticatedUser user,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
            @RequestParam(required = false) String sort, @RequestParam(required = false) String q) {
        PageView<WithRole> found = catalog.list(user.id(), q,
                PageQuery.parse(page, size, sort, ProjectCatalog.SORTS, "updatedAt,desc"));
        return new PageView<>(found.items().stream().map(ProjectView::of).toList(), found.page(), found.size(),
                found.totalItems(), found.totalPages());
    }

    @PostMapping
    @Operation(summary = "Create a project; you become its owner")
    @ApiResponse(responseCode = "201", description = "Created")
    @ApiResponse(responseCode = "400", description = "Invalid fields (every problem listed in errors)")
    ResponseEntity<ProjectView> create(@AuthenticationPrincipal AuthenticatedUser user,
            @RequestBody CreateProjectRequest request) {
        ProjectView created = ProjectView.of(catalog.create(user.id(), request.changes()));
        return ResponseEntity.created(URI.create("/api/projects/" + created.id())).body(created);
    }

    @GetMapping("/{projectId}")
    @Operation(summary = "A project")
    @ApiResponse(responseCode = "200", description = "The project")
    @ApiResponse(responseCode = "404", description = "No such project, or you are not a member")
    ProjectView get(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID projectId) {
        return ProjectView.of(catalog.get(new ProjectId(projectId), user.id()));
    }

    @PatchMapping("/{projectId}")
    @Operation(summary = "Change a project (editor or owner)")
    @ApiResponse(responseCode = "200", description = "The updated project")
    @ApiResponse(responseCode = "400", description = "Invalid or unknown fields")
    @ApiResponse(responseCode = "403", description = "Viewers cannot edit")
    @ApiResponse(responseCode = "404", description = "No such project, or you are not a member")
    ProjectView update(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID projectId,
            @RequestBody UpdateProjectRequest request) {
        return ProjectView.of(catalog.update(new ProjectId(projectId), user.id(), request.changes()));
    }

    @DeleteMapping("/{projectId}")
    @Operation(summary = "Delete a project (owner)")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "403", description = "Only owners delete")
    @ApiResponse(responseCode = "404", description = "No such project, or you are not a member")
    ResponseEntity<Void> delete(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID projectId) {
        catalog.delete(new ProjectId(projectId), user.id());
        return ResponseEntity.noContent().build();
    }
}
