package dev.nex7.workflow.web;

import java.util.UUID;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.nex7.identity.AuthenticatedUser;
import dev.nex7.workflow.ExecutionId;
import dev.nex7.workflow.WorkflowId;
import dev.nex7.workflow.engine.ExpressionPreview;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The inspector's live preview of an expression field. */
@RestController
@Tag(name = "Workflows")
class ExpressionPreviewController {

    private final ExpressionPreview preview;

    ExpressionPreviewController(ExpressionPreview preview) {
        this.preview = preview;
    }

    /**
     * @param expression the field's text, with its {@code {{ }}} expressions
     * @param nodeId the draft's node the field belongs to
     * @param executionId the execution whose data to use; the latest one that ran the node's inputs when left out
     */
    record PreviewRequest(String expression, String nodeId, UUID executionId) {
    }

    /** @param executionId the execution the value was evaluated against; null when none had run the node's inputs */
    record PreviewView(Object value, UUID executionId) {
    }

    @PostMapping("/api/workflows/{workflowId}/expressions/preview")
    @Operation(summary = "Evaluate an expression field against the data a node had in an execution (editor)",
            description = "Same evaluator and limits as a run. $input is the node's main input, $node[\"Name\"] earlier outputs.")
    @ApiResponse(responseCode = "200", description = "The value")
    @ApiResponse(responseCode = "400", description = "No expression, or no such node in the draft")
    @ApiResponse(responseCode = "403", description = "Viewers cannot preview")
    @ApiResponse(responseCode = "404", description = "No such workflow or execution of it, or you are not a member")
    @ApiResponse(responseCode = "422", description = "The expression does not parse or fails; code and detail say why")
    PreviewView preview(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID workflowId, @RequestBody PreviewRequest request) {
        ExpressionPreview.Preview found = preview.preview(new WorkflowId(workflowId), user.id(), request.expression(), request.nodeId(),
                request.executionId() == null ? null : new ExecutionId(request.executionId()));
        return new PreviewView(found.value(), found.executionId() == null ? null : found.executionId().value());
    }
}
