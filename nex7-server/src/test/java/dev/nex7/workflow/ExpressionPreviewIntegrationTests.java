package dev.nex7.workflow;

import static dev.nex7.workflow.WorkflowFixtures.definition;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.nex7.support.Api;
import dev.nex7.support.Api.Response;

/** The inspector's expression preview: the real evaluator against what a node had in a run. */
class ExpressionPreviewIntegrationTests extends WorkflowIntegrationTest {

    static Map<String, Object> flow() {
        return definition()
                .node("start", "manual-trigger", Map.of())
                .node("enrich", "set", Map.of("fields", List.of(Map.of("name", "total", "value", "{{ price * qty }}"))))
                .node("shape", "transform", Map.of("expression", "$input"))
                .edge("start", "enrich")
                .edge("enrich", "shape")
                .build();
    }

    Response preview(Session user, String workflow, Object body) {
        return api.post("/api/workflows/" + workflow + "/expressions/preview").token(user.accessToken()).json(body).send();
    }

    @Test
    void anExpressionIsEvaluatedAgainstTheLatestRunOfTheNodesInputs() {
        Session owner = newUser("Previewer");
        String id = workflow(owner, flow());
        Response beforeAnyRun = preview(owner, id, Api.map("expression", "{{ 1 + 1 }} and {{ $input }}", "nodeId", "shape"));
        awaitStatus(owner, runWith(owner, id, Api.map("price", 5, "qty", 2)), "succeeded");
        String latest = runWith(owner, id, Api.map("price", 7, "qty", 3));
        awaitStatus(owner, latest, "succeeded");

        Response value = preview(owner, id, Api.map("expression", "{{ $input.total }}", "nodeId", "shape"));
        Response text = preview(owner, id, Api.map("expression", "Total: {{ $input.total }} for {{ $node[\"start\"].qty }} items", "nodeId", "shape"));

        assertThat(beforeAnyRun.status()).as(beforeAnyRun.text()).isEqualTo(200);
        assertThat(beforeAnyRun.json().path("executionId").isNull()).isTrue();
        assertThat(value.status()).as(value.text()).isEqualTo(200);
        assertThat(value.json().path("value").asInt()).isEqualTo(21);
        assertThat(value.json().path("executionId").asString()).isEqualTo(latest);
        assertThat(text.json().path("value").asString()).isEqualTo("Total: 21 for 3 items");
    }

    @Test
    void aChosenExecutionIsUsedAndMustBelongToTheWorkflow() {
        Session owner = newUser("Chooser");
        String project = project(owner);
        String id = workflow(owner, project, flow());
        String other = workflow(owner, project, flow());
        String first = runWith(owner, id, Api.map("price", 5, "qty", 2));
        awaitStatus(owner, first, "succeeded");
        awaitStatus(owner, runWith(owner, id, Api.map("price", 7, "qty", 3)), "succeeded");
        String ofOther = runWith(owner, other, Api.map("price", 1, "qty", 1));
        awaitStatus(owner, ofOther, "succeeded");

        Response chosen = preview(owner, id, Api.map("expression", "{{ $input.total }}", "nodeId", "shape", "executionId", first));
        Response foreign = preview(owner, id, Api.map("expression", "{{ $input.total }}", "nodeId", "shape", "executionId", ofOther));

        assertThat(chosen.json().path("value").asInt()).isEqualTo(10);
        assertThat(foreign.status()).isEqualTo(404);
    }

    @Test
    void brokenExpressionsAndBadRequestsAreProblemsAndOnlyEditorsPreview() {
        Session owner = newUser("Owner");
        Session viewer = newUser("Viewer");
        Session stranger = newUser("Stranger");
        String project = project(owner);
        api.post("/api/projects/" + project + "/members").token(owner.accessToken()).json(Api.map("email", viewer.email(), "role", "viewer"))
                .send();
        String id = workflow(owner, project, flow());

        Response syntax = preview(owner, id, Api.map("expression", "{{ $input.( }}", "nodeId", "shape"));
        Response forbidden = preview(owner, id, Api.map("expression", "{{ $eval('1') }}", "nodeId", "shape"));
        Response noNode = preview(owner, id, Api.map("expression", "{{ 1 }}", "nodeId", "nope"));
        Response noExpression = preview(owner, id, Api.map("nodeId", "shape"));
        Response byViewer = preview(viewer, id, Api.map("expression", "{{ 1 }}", "nodeId", "shape"));
        Response byStranger = preview(stranger, id, Api.map("expression", "{{ 1 }}", "nodeId", "shape"));

        assertThat(syntax.status()).as(syntax.text()).isEqualTo(422);
        assertThat(syntax.header("Content-Type")).contains("application/problem+json");
        assertThat(syntax.json().path("code").asString()).isEqualTo("syntax");
        assertThat(forbidden.status()).as(forbidden.text()).isEqualTo(422);
        assertThat(noNode.status()).isEqualTo(400);
        assertThat(noExpression.status()).isEqualTo(400);
        assertThat(byViewer.status()).isEqualTo(403);
        assertThat(byStranger.status()).isEqualTo(404);
    }
}
