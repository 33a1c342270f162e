package dev.nex7.workflow.web;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.nex7.plugin.node.NodeDescriptor;
import dev.nex7.plugin.node.NodeType;
import dev.nex7.workflow.catalog.NodeCatalog;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The node catalog that drives the canvas palette, the inspector forms and validation. */
@RestController
@Tag(name = "Node types")
class NodeTypesController {

    private final NodeCatalog catalog;

    NodeTypesController(NodeCatalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping("/api/node-types")
    @Operation(summary = "Every node type and version", description = "Ports with their types, the parameter JSON Schema with "
            + "defaults, and credential slots. Every node may also have an `error` output when its onError is `route`.")
    @ApiResponse(responseCode = "200", description = "The catalog")
    List<NodeDescriptor> list() {
        return catalog.all().stream().map(NodeType::descriptor).toList();
    }
}
