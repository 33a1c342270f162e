package dev.nex7.agent;

import java.util.UUID;

import dev.nex7.identity.UserId;
import dev.nex7.project.ProjectId;
import dev.nex7.support.Api;
import dev.nex7.support.Api.Response;
import dev.nex7.support.IntegrationTest;

/** What the agent module's integration tests share: projects with members, typed ids. */
abstract class AgentIntegrationTest extends IntegrationTest {

    /** A new project owned by {@code owner}; its id. */
    protected String project(Session owner) {
        Response created = api.post("/api/projects").token(owner.accessToken())
                .json(Api.map("name", "Agents at work", "type", "web")).send();
        if (created.status() != 201) {
            throw new IllegalStateException("project creation failed: " + created);
        }
        return created.json().path("id").asString();
    }

    protected void addMember(Session owner, String project, Session member, String role) {
        Response added = api.post("/api/projects/" + project + "/members").token(owner.accessToken())
                .json(Api.map("email", member.email(), "role", role)).send();
        if (added.status() != 201) {
            throw new IllegalStateException("adding a member failed: " + added);
        }
    }

    protected static ProjectId projectId(String id) {
        return new ProjectId(UUID.fromString(id));
    }

    protected static UserId userId(Session session) {
        return new UserId(session.id());
    }
}
