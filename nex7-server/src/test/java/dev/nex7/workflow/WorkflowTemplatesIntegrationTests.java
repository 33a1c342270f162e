package dev.nex7.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.nex7.support.Api;
import dev.nex7.support.Api.Response;
import tools.jackson.databind.JsonNode;

/** The shipped templates: each is valid, the self-contained ones run, and creating from one follows project roles. */
class WorkflowTemplatesIntegrationTests extends WorkflowIntegrationTest {

    Response fromTemplate(Session user, String project, String templateId) {
        return api.post("/api/projects/" + project + "/workflows").token(user.accessToken())
                .json(Api.map("templateId", templateId)).send();
    }

    String created(Session user, String project, String templateId) {
        Response created = fromTemplate(user, project, templateId);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    /** Saves version 1 and activates it, so its webhook listens. */
    String activate(Session owner, String workflow) {
        Response version = api.post("/api/workflows/" + workflow + "/versions").token(owner.accessToken()).send();
        assertThat(version.status()).as(version.text()).isEqualTo(201);
        api.put("/api/workflows/" + workflow + "/activation").token(owner.accessToken()).json(Api.map("version", 1)).send();
        return api.get("/api/workflows/" + workflow).token(owner.accessToken()).send().json().path("webhookPath").asString();
    }

    @Test
    void everyTemplateIsValidExceptForTheCredentialsItLeavesToThePerson() {
        Session owner = newUser("Templater");
        String project = project(owner);
        JsonNode templates = api.get("/api/workflow-templates").token(owner.accessToken()).send().json();

        assertThat(templates.size()).isGreaterThanOrEqualTo(6);
        for (JsonNode template : templates) {
            assertThat(template.path("name").asString()).isNotBlank();
            assertThat(template.path("description").asString()).isNotBlank();
            assertThat(template.path("category").asString()).isNotBlank();
            String id = created(owner, project, template.path("id").asString());
            JsonNode validation = api.post("/api/workflows/" + id + "/validate").token(owner.accessToken()).send().json();
            List<String> errors = new ArrayList<>();
            validation.path("problems").valueStream().filter(problem -> problem.path("severity").asString().equals("error"))
                    .forEach(problem -> errors.add(problem.path("code").asString() + " " + problem.path("pointer").asString()));
            List<String> leftToThePerson = template.path("credentialsToChoose").valueStream()
                    .map(slot -> "missing-credential /nodes/" + indexOf(template, slot.path("nodeId").asString()) + "/credentials/"
                            + slot.path("slot").asString())
                    .toList();
            assertThat(errors).as(template.path("id").asString()).containsExactlyInAnyOrderElementsOf(leftToThePerson);
        }
    }

    private static int indexOf(JsonNode template, String nodeId) {
        JsonNode nodes = template.path("definition").path("nodes");
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).path("id").asString().equals(nodeId)) {
                return i;
            }
        }
        throw new AssertionError("No node " + nodeId);
    }

    @Test
    void theWebhookTemplateAnswersWithTheTransformedRequest() {
        Session owner = newUser("Hooker");
        String id = created(owner, project(owner), "webhook-transform-respond");
        String path = activate(owner, id);

        Response answered = api.post(path).json(Map.of("name", "Ada")).send();

        assertThat(answered.status()).as(answered.text()).isEqualTo(200);
        assertThat(answered.json().path("greeting").asString()).isEqualTo("Hello, Ada!");
        assertThat(answered.json().path("method").asString()).isEqualTo("POST");
        JsonNode workflow = api.get("/api/workflows/" + id).token(owner.accessToken()).send().json();
        assertThat(workflow.path("name").asString()).isEqualTo("Webhook → transform → respond");
    }

    @Test
    void theApprovalTemplateParksUntilAnEditorApproves() {
        Session owner = newUser("Approver");
        String id = created(owner, project(owner), "approval-flow");
        String path = activate(owner, id);

        Response accepted = api.post(path).json(Map.of("request", "new laptop", "amount", 1200)).send();
        String execution = api.get("/api/executions?workflowId=" + id).token(owner.accessToken()).send().json()
                .path("items").get(0).path("id").asString();
        awaitStatus(owner, execution, "waiting");
        Response approved = api.post("/api/executions/" + execution + "/approvals/ask").token(owner.accessToken())
                .json(Api.map("decision", "approve")).send();
        JsonNode done = awaitStatus(owner, execution, "succeeded");

        assertThat(accepted.status()).isEqualTo(202);
        assertThat(approved.status()).as(approved.text()).isEqualTo(200);
        JsonNode output = node(done, "approved").path("output").path("main");
        assertThat(output.path("status").asString()).isEqualTo("approved");
        assertThat(output.path("request").asString()).isEqualTo("new laptop");
        assertThat(output.path("decidedBy").asString()).isEqualTo(owner.id().toString());
        assertThat(node(done, "rejected").path("status").asString()).isEqualTo("skipped");
    }

    @Test
    void theSubWorkflowTemplateCreatesItsChildAndRunsIt() {
        Session owner = newUser("Parent");
        String project = project(owner);
        String parent = created(owner, project, "sub-workflow-example");

        JsonNode done = awaitStatus(owner, runWith(owner, parent, Api.map("n", 20)), "succeeded");

        JsonNode after = node(done, "after").path("output").path("main");
        assertThat(after.path("n").asInt()).isEqualTo(40);
        assertThat(after.path("plusOne").asInt()).isEqualTo(41);
        String child = api.get("/api/workflows/" + parent).token(owner.accessToken()).send().json()
                .path("draft").path("nodes").get(1).path("parameters").path("workflowId").asString();
        JsonNode childRuns = api.get("/api/executions?workflowId=" + child).token(owner.accessToken()).send().json();
        assertThat(childRuns.path("totalItems").asInt()).isEqualTo(1);
        assertThat(childRuns.path("items").get(0).path("status").asString()).isEqualTo("succeeded");
        JsonNode workflows = api.get("/api/projects/" + project + "/workflows").token(owner.accessToken()).send().json();
        assertThat(workflows.path("totalItems").asInt()).isEqualTo(2);
    }

    @Test
    void creatingFromATemplateIsRefusedToViewersStrangersAndUnknownTemplates() {
        Session owner = newUser("Owner");
        Session viewer = newUser("Viewer");
        Session stranger = newUser("Stranger");
        String project = project(owner);
        api.post("/api/projects/" + project + "/members").token(owner.accessToken()).json(Api.map("email", viewer.email(), "role", "viewer"))
                .send();

        Response byViewer = fromTemplate(viewer, project, "approval-flow");
        Response byStranger = fromTemplate(stranger, project, "approval-flow");
        Response unknown = fromTemplate(owner, project, "no-such-template");
        Response both = api.post("/api/projects/" + project + "/workflows").token(owner.accessToken())
                .json(Api.map("templateId", "approval-flow", "definition", Map.of("nodes", List.of(), "edges", List.of()))).send();
        Response anonymous = api.get("/api/workflow-templates").send();

        assertThat(byViewer.status()).isEqualTo(403);
        assertThat(byStranger.status()).isEqualTo(404);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.header("Content-Type")).contains("application/problem+json");
        assertThat(both.status()).isEqualTo(400);
        assertThat(anonymous.status()).isEqualTo(401);
    }
}
