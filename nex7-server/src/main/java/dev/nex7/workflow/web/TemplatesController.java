package dev.nex7.workflow.web;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.nex7.workflow.template.WorkflowTemplate;
import dev.nex7.workflow.template.WorkflowTemplates;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The workflow templates gallery; create from one with {@code POST /api/projects/{id}/workflows} and {@code templateId}. */
@RestController
@Tag(name = "Workflows")
class TemplatesController {

    private final WorkflowTemplates templates;

    TemplatesController(WorkflowTemplates templates) {
        this.templates = templates;
    }

    @GetMapping("/api/workflow-templates")
    @Operation(summary = "The workflow templates (any signed-in user)", description = "By category, then name, with their definitions.")
    @ApiResponse(responseCode = "200", description = "Every template")
    List<WorkflowTemplate> list() {
        return templates.list();
    }
}
