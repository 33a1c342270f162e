package dev.nex7.workflow.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.nex7.identity.AuthenticatedUser;
import dev.nex7.platform.InvalidRequest;
import dev.nex7.platform.PageQuery;
import dev.nex7.platform.PageView;
import dev.nex7.project.ProjectId;
import dev.nex7.project.ProjectRole;
import dev.nex7.workflow.WorkflowId;
import dev.nex7.workflow.catalog.ValidationProblem;
import dev.nex7.workflow.definition.DefinitionCodec;
import dev.nex7.workflow.definition.DefinitionCodec.WorkflowFile;
import dev.nex7.workflow.definition.DefinitionDiff;
import dev.nex7.workflow.definition.Workflow;
import dev.nex7.workflow.definition.WorkflowDefinition;
import dev.nex7.workflow.definition.WorkflowLibrary;
import dev.nex7.workflow.template.WorkflowTemplates;
import dev.nex7.workflow.web.WorkflowViews.ActivationRequest;
import dev.nex7.workflow.web.WorkflowViews.CreateWorkflowRequest;
import dev.nex7.workflow.web.WorkflowViews.SaveDraftRequest;
import dev.nex7.workflow.web.WorkflowViews.SaveVersionRequest;
import dev.nex7.workflow.web.WorkflowViews.ValidationView;
import dev.nex7.workflow.web.WorkflowViews.VersionView;
import dev.nex7.workflow.web.WorkflowViews.WorkflowSummary;
import dev.nex7.workflow.web.WorkflowViews.WorkflowView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Workflows, their drafts and versions. The draft is written with {@code If-Match}; a stale write is 412. */
@RestController
@Tag(name = "Workflows")
class WorkflowsController {

    private static final MediaType YAML = MediaType.parseMediaType("application/yaml");

    private final WorkflowLibrary library;
    private final DefinitionCodec codec;
    private final WorkflowTemplates templates;

    WorkflowsController(WorkflowLibrary library, DefinitionCodec codec, WorkflowTemplates templates) {
        this.library = library;
        this.codec = codec;
        this.templates = templates;
    }

    @GetMapping("/api/projects/{projectId}/workflows")
    @Operation(summary = "A project's workflows", description = "Sortable by name, createdAt, updatedAt; q filters by name.")
    @ApiResponse(responseCode = "200", description = "A page of workflows")
    @ApiResponse(responseCode = "404", description = "No such project, or you are not a member")
    PageView<WorkflowSummary> list(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID projectId,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
            @RequestParam(required = false) String sort, @RequestParam(required = false) String q) {
        PageView<Workflow> found = library.list(new ProjectId(projectId), user.id(), q,
                PageQuery.parse(page, size, sort, WorkflowLibrary.SORTS, "updatedAt,desc"));
        return new PageView<>(found.items().stream().map(WorkflowSummary::of).toList(), found.page(), found.size(),
                found.totalItems(), found.totalPages());
    }

    @PostMapping("/api/projects/{projectId}/workflows")
    @Operation(summary = "Create a workflow (editor)", description = "The definition may be left out: the draft starts empty. "
            + "With templateId (see GET /api/workflow-templates) the draft is the template's; a template with a child workflow "
            + "creates the child too, saved as version 1.")
    @ApiResponse(responseCode = "201", description = "Created; ETag holds the draft revision")
    @ApiResponse(responseCode = "400", description = "Invalid fields, or no such template")
    @ApiResponse(responseCode = "403", description = "Viewers cannot create workflows")
    @ApiResponse(responseCode = "404", description = "No such project, or you are not a member")
    ResponseEntity<WorkflowView> create(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID projectId,
            @RequestBody CreateWorkflowRequest request) {
        if (request.templateId() != null) {
            if (request.definition() != null) {
                throw new InvalidRequest("definition", "Give a definition or a templateId, not both.");
            }
            return created(templates.create(new ProjectId(projectId), user.id(), request.templateId(), request.name(), request.description()));
        }
        Workflow created = library.create(new ProjectId(projectId), user.id(), request.name(), request.description(), request.definition());
        return created(created);
    }

    @PostMapping(path = "/api/projects/{projectId}/workflows/import", consumes = {"application/json", "application/yaml", "text/yaml"})
    @Operation(summary = "Import a workflow file (JSON or YAML) as a new workflow (editor)")
    @ApiResponse(responseCode = "201", description = "Created")
    @ApiResponse(responseCode = "400", description = "Not a NEX7 workflow file")
    ResponseEntity<WorkflowView> importFile(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID projectId,
            @RequestHeader(HttpHeaders.CONTENT_TYPE) String contentType, @RequestBody byte[] content) {
        WorkflowFile file = codec.readFile(new String(content, StandardCharsets.UTF_8), contentType.contains("yaml"));
        return created(library.create(new ProjectId(projectId), user.id(), file.name(), file.description(), file.definition()));
    }

    @GetMapping("/api/workflows/{workflowId}")
    @Operation(summary = "A workflow with its draft; ETag holds the draft revision")
    @ApiResponse(responseCode = "200", description = "The workflow")
    @ApiResponse(responseCode = "404", description = "No such workflow, or you are not a member of its project")
    ResponseEntity<WorkflowView> get(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID workflowId) {
        return withEtag(library.require(new WorkflowId(workflowId), user.id(), ProjectRole.VIEWER));
    }

    @PutMapping("/api/workflows/{workflowId}/draft")
    @Operation(summary = "Save the draft (editor)", description = "Requires If-Match with the ETag you read; members left out keep their value.")
    @ApiResponse(responseCode = "200", description = "Saved; ETag holds the new revision")
    @ApiResponse(responseCode = "400", description = "Invalid fields")
    @ApiResponse(responseCode = "412", description = "Someone saved the draft since you read it")
    @ApiResponse(responseCode = "428", description = "If-Match is missing")
    ResponseEntity<WorkflowView> saveDraft(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID workflowId,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, @RequestBody SaveDraftRequest request) {
        return withEtag(library.saveDraft(new WorkflowId(workflowId), user.id(), ifMatch, request.name(), request.description(),
                request.definition()));
    }

    @DeleteMapping("/api/workflows/{workflowId}")
    @Operation(summary = "Delete a workflow with its versions and executions (owner)")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "403", description = "Only owners delete")
    ResponseEntity<Void> delete(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID workflowId) {
        library.delete(new WorkflowId(workflowId), user.id());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/workflows/{workflowId}/validate")
    @Operation(summary = "Validate the draft, or the definition in the body", description = "Every problem at once, with node ids and JSON pointers.")
    @ApiResponse(responseCode = "200", description = "The problems (none when valid)")
    ValidationView validate(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID workflowId,
            @RequestBody(required = false) WorkflowDefinition definition) {
        Workflow workflow = library.require(new WorkflowId(workflowId), user.id(), ProjectRole.VIEWER);
        List<ValidationProblem> problems = library.validate(workflow, definition == null ? workflow.draft() : definition);
        return new ValidationView(problems.stream().noneMatch(ValidationProblem::isError), problems);
    }

    @GetMapping("/api/workflows/{workflowId}/export")
    @Operation(summary = "Download the draft (or a version) as a workflow file", description = "format=json (default) or yaml.")
    @ApiResponse(responseCode = "200", description = "The file")
    ResponseEntity<String> export(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID workflowId,
            @RequestParam(required = false) Integer version, @RequestParam(defaultValue = "json") String format) {
        if (!format.equals("json") && !format.equals("yaml")) {
            throw new InvalidRequest("format", "format is json or yaml.");
        }
        WorkflowId id = new WorkflowId(workflowId);
        Workflow workflow = library.require(id, user.id(), ProjectRole.VIEWER);
        WorkflowDefinition definition = version == null ? workflow.draft() : library.version(id, user.id(), version).definition();
        boolean yaml = format.equals("yaml");
        String body = codec.writeFile(new WorkflowFile(DefinitionCodec.FILE_FORMAT, workflow.name(), workflow.description(), definition), yaml);
        String fileName = workflow.name().replaceAll("[^A-Za-z0-9._-]+", "-") + (yaml ? ".nex7.yaml" : ".nex7.json");
        return ResponseEntity.ok()
                .contentType(yaml ? YAML : MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(fileName).build().toString())
                .body(body);
    }

    @PostMapping("/api/workflows/{workflowId}/versions")
    @Operation(summary = "Save the draft as the next version (editor)", description = "Refused with every problem when the draft is not valid.")
    @ApiResponse(responseCode = "201", description = "The new version")
    @ApiResponse(responseCode = "400", description = "The draft has errors (problems lists them)")
    ResponseEntity<VersionView> saveVersion(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID workflowId,
            @RequestBody(required = false) SaveVersionRequest request) {
        var version = library.saveVersion(new WorkflowId(workflowId), user.id(), request == null ? null : request.message());
        return ResponseEntity.created(URI.create("/api/workflows/" + workflowId + "/versions/" + version.version()))
                .body(VersionView.of(version));
    }

    @GetMapping("/api/workflows/{workflowId}/versions")
    @Operation(summary = "The saved versions, newest first (without definitions)")
    @ApiResponse(responseCode = "200", description = "The versions")
    List<VersionView> versions(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID workflowId) {
        return library.versions(new WorkflowId(workflowId), user.id()).stream().map(VersionView::of).toList();
    }

    @GetMapping("/api/workflows/{workflowId}/versions/{version}")
    @Operation(summary = "One version with its definition")
    @ApiResponse(responseCode = "200", description = "The version")
    @ApiResponse(responseCode = "404", description = "No such version")
    VersionView version(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID workflowId, @PathVariable int version) {
        return VersionView.of(library.version(new WorkflowId(workflowId), user.id(), version));
    }

    @GetMapping("/api/workflows/{workflowId}/versions/{version}/diff")
    @Operation(summary = "What changed from this version to another (against=N) or to the draft (default)")
    @ApiResponse(responseCode = "200", description = "Nodes and edges added, removed and changed")
    DefinitionDiff diff(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID workflowId, @PathVariable int version,
            @RequestParam(required = false) Integer against) {
        return library.diff(new WorkflowId(workflowId), user.id(), version, against);
    }

    @PostMapping("/api/workflows/{workflowId}/versions/{version}/restore")
    @Operation(summary = "Make a version's definition the draft (editor; If-Match required)")
    @ApiResponse(responseCode = "200", description = "The workflow with the restored draft")
    @ApiResponse(responseCode = "412", description = "Someone saved the draft since you read it")
    ResponseEntity<WorkflowView> restore(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID workflowId,
            @PathVariable int version, @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return withEtag(library.restore(new WorkflowId(workflowId), user.id(), version, ifMatch));
    }

    @PutMapping("/api/workflows/{workflowId}/activation")
    @Operation(summary = "Choose the version that webhook, schedule and event triggers run (editor); null turns them off")
    @ApiResponse(responseCode = "200", description = "The workflow")
    @ApiResponse(responseCode = "400", description = "A trigger of the version cannot be registered (cron, time zone, event type, filter); "
            + "problems names each, and nothing changes")
    @ApiResponse(responseCode = "404", description = "No such version")
    ResponseEntity<WorkflowView> activate(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID workflowId,
            @RequestBody ActivationRequest request) {
        return withEtag(library.activate(new WorkflowId(workflowId), user.id(), request.version()));
    }

    private static ResponseEntity<WorkflowView> created(Workflow workflow) {
        return ResponseEntity.created(URI.create("/api/workflows/" + workflow.id())).eTag(workflow.etag())
                .body(WorkflowView.of(workflow));
    }

    private static ResponseEntity<WorkflowView> withEtag(Workflow workflow) {
        return ResponseEntity.ok().eTag(workflow.etag()).body(WorkflowView.of(workflow));
    }
}
