package dev.nex7.project.web;

import dev.nex7.platform.Patch;
import dev.nex7.project.ProjectCatalog.Changes;
import dev.nex7.project.ProjectStatus;
import dev.nex7.project.ProjectType;
import io.swagger.v3.oas.annotations.media.Schema;

/** A partial change: absent fields are kept, {@code null} clears an optional field. */
@Schema(name = "UpdateProjectRequest")
public final class UpdateProjectRequest {

    private Patch<String> name = Patch.absent();
    private Patch<String> description = Patch.absent();
    private Patch<ProjectType> type = Patch.absent();
    private Patch<ProjectStatus> status = Patch.absent();
    private Patch<String> repositoryUrl = Patch.absent();
    private Patch<String> deploymentUrl = Patch.absent();

    @Schema(minLength = 1, maxLength = 100)
    public void setName(String value) {
        name = Patch.of(value);
    }

    @Schema(maxLength = 2000, nullable = true)
    public void setDescription(String value) {
        description = Patch.of(value);
    }

    @Schema(allowableValues = {"web", "mobile", "api", "desktop"})
    public void setType(ProjectType value) {
        type = Patch.of(value);
    }

    @Schema(allowableValues = {"active", "archived", "draft"})
    public void setStatus(ProjectStatus value) {
        status = Patch.of(value);
    }

    @Schema(format = "uri", maxLength = 2048, nullable = true)
    public void setRepositoryUrl(String value) {
        repositoryUrl = Patch.of(value);
    }

    @Schema(format = "uri", maxLength = 2048, nullable = true)
    public void setDeploymentUrl(String value) {
        deploymentUrl = Patch.of(value);
    }

    Changes changes() {
        return new Changes(name.change(), description.change(), type.change(), status.change(),
                repositoryUrl.change(), deploymentUrl.change());
    }
}
