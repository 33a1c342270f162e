package dev.nex7.workflow.engine;

import java.util.Collection;
import java.util.Map;

import dev.nex7.plugin.node.Credential;
import dev.nex7.plugin.node.NodeFailure;
import dev.nex7.project.ProjectId;

/** What the engine needs from the rest of NEX7 to run a node: expressions and credentials. */
public final class NodeServices {

    private NodeServices() {
    }

    /** Evaluates the {@code {{ }}} expressions in a node's parameters. */
    public interface ParameterResolver {
        /**
         * @param parameters the node's parameters as written (with defaults filled in)
         * @param literal parameter names whose values are never evaluated (code, for example)
         * @param input the value on the main input
         * @param nodes outputs of nodes that already ran, by node name
         * @param execution {@code {id, mode, startedAt}}
         * @param workflow {@code {id, name, version}}
         */
        Map<String, Object> resolve(Map<String, Object> parameters, java.util.Set<String> literal, Object input,
                Map<String, Object> nodes, Map<String, Object> execution, Map<String, Object> workflow) throws NodeFailure;
    }

    /** Opens credentials from the project's vault for a node run. */
    public interface CredentialSource {
        Credential open(ProjectId project, String credentialId, Collection<String> kinds) throws NodeFailure;
    }
}
