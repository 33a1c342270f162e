package dev.nex7.workflow.engine;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;

import dev.nex7.plugin.node.Credential;
import dev.nex7.plugin.node.NodeFailure;
import dev.nex7.project.ProjectId;

/** TEMPORARY until the expression and vault branches merge: parameters as written, no credentials. */
@Component
class Unwired implements NodeServices.ParameterResolver, NodeServices.CredentialSource {

    @Override
    public Map<String, Object> resolve(Map<String, Object> parameters, Set<String> literal, Object input, Map<String, Object> nodes,
            Map<String, Object> execution, Map<String, Object> workflow) {
        return parameters;
    }

    @Override
    public Credential open(ProjectId project, String credentialId, Collection<String> kinds) throws NodeFailure {
        throw NodeFailure.permanent("credential-unavailable", "Credentials are not available yet.");
    }
}
