package dev.nex7.deployment;

import org.springframework.http.HttpStatus;

import dev.nex7.platform.ApiProblem;

/** No such deployment, or one in a project the caller is not a member of (no existence leak). */
public class DeploymentNotFound extends ApiProblem {

    public DeploymentNotFound(DeploymentId id) {
        super(HttpStatus.NOT_FOUND, "deployment-not-found", "Deployment not found", "There is no deployment " + id + ".");
    }
}
