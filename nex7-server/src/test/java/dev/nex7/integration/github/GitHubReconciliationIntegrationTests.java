package dev.nex7.integration.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import dev.nex7.integration.GitHubEventReceived;
import dev.nex7.project.ProjectId;
import dev.nex7.support.Api;
import dev.nex7.support.Api.Response;
import dev.nex7.support.FakeVercelAndGitHub;

/**
 * Missed pushes caught up through GitHub's API, against a fake GitHub: a branch whose head is not the
 * commit of the newest push NEX7 stored is announced as a push once, however often reconciliation
 * runs, and the real delivery arriving late is not announced again; a branch GitHub no longer has
 * starts nothing.
 */
@RecordApplicationEvents
class GitHubReconciliationIntegrationTests extends FakeVercelAndGitHub {

    private static final String SECRET = "a-webhook-secret-of-our-own-choosing";
    private static final String DELIVERED = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
    private static final String MISSED = "8f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c";
    private static final String PUSH = """
            {"ref":"refs/heads/%s","before":"0000000000000000000000000000000000000000","after":"%s",
             "repository":{"id":1296269,"full_name":"acme/%s","name":"%s","owner":{"login":"acme"}},
             "pusher":{"name":"octocat"},"head_commit":{"id":"%s","message":"Fix the build"}}""";

    @Autowired
    GitHubReconciliation reconciliation;
    @Autowired
    GitHubWebhooks webhooks;
    @Autowired
    ApplicationEvents events;

    @Test
    void aPushGitHubDidNotDeliverIsAnnouncedOnceAndItsLateDeliveryIsNotAnnouncedAgain() {
        Session owner = newUser("gh-reconcile");
        ProjectId project = project(owner);
        String repo = "shop-" + UUID.randomUUID().toString().substring(0, 8);
        String token = "ghp_" + UUID.randomUUID().toString().replace("-", "");
        link(owner, project, repo, token);
        deliver(repo, "main", DELIVERED);
        fake.stubFor(get(urlPathEqualTo("/repos/acme/" + repo + "/branches/main")).willReturn(okJson(branch("main", MISSED))));

        reconciliation.reconcile();
        reconciliation.reconcile();
        GitHubWebhooks.Outcome late = deliver(repo, "main", MISSED);

        assertThat(events.stream(GitHubEventReceived.class).filter(e -> e.projectId().equals(project) && e.headSha().equals(MISSED)))
                .singleElement().satisfies(push -> {
                    assertThat(push.event()).isEqualTo("push");
                    assertThat(push.ref()).isEqualTo("refs/heads/main");
                    assertThat(push.repository()).isEqualTo("acme/" + repo);
                    assertThat(push.action()).isNull();
                    assertThat(push.deliveryId()).isEqualTo("reconcile:" + MISSED + ":" + project);
                });
        assertThat(late).isEqualTo(GitHubWebhooks.Outcome.DUPLICATE);
        assertThat(webhooks.recent(project, 10)).extracting(row -> row.get("delivery_id")).hasSize(3);
        fake.verify(2, getRequestedFor(urlPathEqualTo("/repos/acme/" + repo + "/branches/main"))
                .withHeader("Authorization", equalTo("Bearer " + token)));
    }

    @Test
    void aBranchAtItsDeliveredHeadOrDeletedOnGitHubStartsNothing() {
        Session owner = newUser("gh-reconcile-quiet");
        ProjectId project = project(owner);
        String repo = "shop-" + UUID.randomUUID().toString().substring(0, 8);
        link(owner, project, repo, "ghp_" + UUID.randomUUID().toString().replace("-", ""));
        deliver(repo, "main", DELIVERED);
        deliver(repo, "feature/checkout", MISSED);
        fake.stubFor(get(urlPathEqualTo("/repos/acme/" + repo + "/branches/main")).willReturn(okJson(branch("main", DELIVERED))));
        fake.stubFor(get(urlPathEqualTo("/repos/acme/" + repo + "/branches/feature/checkout")).willReturn(aResponse().withStatus(404)
                .withBody("{\"message\":\"Branch not found\",\"documentation_url\":\"https://docs.github.com/rest/branches/branches#get-a-branch\"}")));
        long before = events.stream(GitHubEventReceived.class).filter(e -> e.projectId().equals(project)).count();

        reconciliation.reconcile();

        assertThat(events.stream(GitHubEventReceived.class).filter(e -> e.projectId().equals(project))).hasSize((int) before);
        fake.verify(1, getRequestedFor(urlPathEqualTo("/repos/acme/" + repo + "/branches/feature/checkout")));
    }

    private void link(Session owner, ProjectId project, String repo, String token) {
        String credential = credential(owner, project, "github", token);
        Response linked = api.put("/api/projects/" + project + "/github").token(owner.accessToken())
                .json(Api.map("owner", "acme", "repo", repo, "credentialId", credential, "webhookSecret", SECRET)).send();
        assertThat(linked.status()).as(linked.text()).isEqualTo(200);
    }

    private GitHubWebhooks.Outcome deliver(String repo, String branch, String sha) {
        byte[] body = PUSH.formatted(branch, sha, repo, repo, sha).getBytes(StandardCharsets.UTF_8);
        String signature = "sha256=" + HexFormat.of().formatHex(GitHubWebhooks.hmac(SECRET.getBytes(StandardCharsets.UTF_8), body));
        return webhooks.receive("push", UUID.randomUUID().toString(), signature, body);
    }

    /** {@code GET /repos/{owner}/{repo}/branches/{branch}} as GitHub answers it (the fields NEX7 reads, and a few more). */
    private static String branch(String name, String sha) {
        return """
                {"name":"%s","commit":{"sha":"%s","node_id":"C_kwDOAAABc9oAKDZkY2IwOWI1YjU3ODc1ZjMzNGY2MWFlYmVkNjk1ZTJlNDE5M2RiNWU",
                 "commit":{"author":{"name":"Mona Octocat","email":"mona@github.com","date":"2025-11-25T12:00:00Z"},
                  "committer":{"name":"Mona Octocat","email":"mona@github.com","date":"2025-11-25T12:00:00Z"},
                  "message":"Fix checkout totals","tree":{"sha":"9c48853fa3dc5c1c3d6f1f1cd1f2743e72652840"}},
                 "parents":[{"sha":"%s"}]},
                 "protected":false,"protection_url":"https://api.github.com/repos/acme/shop/branches/%s/protection"}
                """.formatted(name, sha, DELIVERED, name);
    }
}
