package dev.nex7.deployment.recovery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.jsonResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

import dev.nex7.deployment.Deployment;
import dev.nex7.deployment.DeploymentStatus;
import dev.nex7.deployment.Deployments;
import dev.nex7.deployment.Finding;
import dev.nex7.deployment.FindingCategory;
import dev.nex7.deployment.FixStrategy;
import dev.nex7.deployment.NewDeployment;
import dev.nex7.deployment.patch.Worktree;
import dev.nex7.deployment.recovery.FixProposal.NeedsInput;
import dev.nex7.deployment.recovery.FixProposal.OtherVercelEnvironment;
import dev.nex7.deployment.recovery.FixProposal.SetEnvironment;
import dev.nex7.deployment.recovery.FixProposal.VaultCredential;
import dev.nex7.integration.VercelApi;
import dev.nex7.integration.VercelApi.VercelDeployment;
import dev.nex7.integration.VercelApi.VercelUnavailable;
import dev.nex7.project.ProjectId;
import dev.nex7.support.Api;
import dev.nex7.support.Api.Response;
import dev.nex7.support.FakeVercelAndGitHub;

/**
 * Environment variables on Vercel, against a fake Vercel speaking its REST API: a variable is created
 * encrypted for the failed deployment's environment and a deployment is built again from the same
 * source, with the project's token in the Authorization header and Vercel's refusals mapped; a
 * missing variable that Vercel defines only for another environment is proposed below the threshold,
 * never copied, while one kept in the vault is a confident fix.
 */
class VercelEnvironmentIntegrationTests extends FakeVercelAndGitHub {

    private static final String TEAM = "team_abc";

    @Autowired
    VercelApi vercel;
    @Autowired
    EnvironmentVariableFix generator;
    @Autowired
    Deployments deployments;

    @TempDir
    Path checkout;

    private record Linked(Session owner, ProjectId project, String vercelProject, String token) {
    }

    @Test
    void aVariableIsCreatedEncryptedForTheGivenEnvironmentWithTheProjectsToken() {
        Linked linked = link("vercel-env-create");
        String path = "/v10/projects/" + linked.vercelProject() + "/env";
        fake.stubFor(post(urlPathEqualTo(path)).willReturn(jsonResponse("""
                {"created":{"type":"encrypted","value":"","target":["production"],"key":"API_URL","id":"env_8Ag1Zb2mRx","createdAt":1764072000000,
                 "updatedAt":1764072000000},"failed":[]}""", 201)));

        String id = vercel.createEnvironmentVariable(linked.project(), "API_URL", "https://api.shop.test", List.of("production"));

        assertThat(id).isEqualTo("env_8Ag1Zb2mRx");
        fake.verify(1, postRequestedFor(urlPathEqualTo(path)).withQueryParam("teamId", equalTo(TEAM))
                .withHeader("Authorization", equalTo("Bearer " + linked.token())).withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("""
                        {"key":"API_URL","value":"https://api.shop.test","type":"encrypted","target":["production"]}""")));
    }

    @Test
    void vercelsRefusalsBecomeProblemsThatSayWhetherToTryAgainAndNeverCarryTheValue() {
        Linked linked = link("vercel-env-refused");
        String path = "/v10/projects/" + linked.vercelProject() + "/env";
        fake.stubFor(post(urlPathEqualTo(path)).willReturn(jsonResponse("""
                {"created":[],"failed":[{"error":{"code":"ENV_ALREADY_EXISTS","message":"A variable with the name `API_URL` already exists for \
                the target production on branch undefined","key":"API_URL","envVarKey":"API_URL","target":["production"]}}]}""", 201)));

        assertThatThrownBy(() -> vercel.createEnvironmentVariable(linked.project(), "API_URL", "value-never-shown", List.of("production")))
                .isInstanceOfSatisfying(VercelUnavailable.class, refused -> {
                    assertThat(refused.retryable()).isFalse();
                    assertThat(refused.getMessage()).contains("ENV_ALREADY_EXISTS").doesNotContain("value-never-shown");
                });
        fake.stubFor(post(urlPathEqualTo(path)).atPriority(1).willReturn(jsonResponse(
                "{\"error\":{\"code\":\"forbidden\",\"message\":\"Not authorized\"}}", 403)));
        assertThatThrownBy(() -> vercel.createEnvironmentVariable(linked.project(), "API_URL", "value-never-shown", List.of("production")))
                .isInstanceOfSatisfying(VercelUnavailable.class, refused -> {
                    assertThat(refused.retryable()).isFalse();
                    assertThat(refused.getMessage()).contains("refused the token").contains("Not authorized");
                });
        fake.stubFor(post(urlPathEqualTo("/v13/deployments")).willReturn(aResponse().withStatus(503)));
        assertThatThrownBy(() -> vercel.redeploy(linked.project(), "dpl_2qn7PZrx89yxY34vEZPD31Y9XVj6", "shop", "production"))
                .isInstanceOfSatisfying(VercelUnavailable.class, failed -> assertThat(failed.retryable()).isTrue());
        assertThatThrownBy(() -> vercel.createEnvironmentVariable(linked.project(), "API-URL", "x", List.of("production")))
                .as("a name Vercel would refuse is not sent").isInstanceOf(VercelUnavailable.class);
        assertThatThrownBy(() -> vercel.createEnvironmentVariable(linked.project(), "API_URL", "x", List.of("staging")))
                .isInstanceOf(VercelUnavailable.class);
        fake.verify(2, postRequestedFor(urlPathEqualTo(path)));
    }

    @Test
    void aDeploymentIsBuiltAgainFromTheSameSourceForItsTarget() {
        Linked linked = link("vercel-redeploy");
        String failed = "dpl_2qn7PZrx89yxY34vEZPD31Y9XVj6";
        fake.stubFor(post(urlPathEqualTo("/v13/deployments")).willReturn(okJson("""
                {"id":"dpl_9bQ4kTzv1mW8aNcE3rYhJ6sLpX2d","url":"shop-9bq4ktzv1-acme.vercel.app","name":"shop","readyState":"QUEUED",
                 "target":"production","createdAt":1764072600000,"meta":{"githubCommitSha":"9f2c1e0a","githubCommitMessage":"Add checkout",
                 "githubCommitRef":"main"}}""")));

        VercelDeployment redeployed = vercel.redeploy(linked.project(), failed, "shop", "production");

        assertThat(redeployed.uid()).isEqualTo("dpl_9bQ4kTzv1mW8aNcE3rYhJ6sLpX2d");
        assertThat(redeployed.state()).isEqualTo("QUEUED");
        assertThat(redeployed.target()).isEqualTo("production");
        assertThat(redeployed.commitSha()).isEqualTo("9f2c1e0a");
        fake.verify(1, postRequestedFor(urlPathEqualTo("/v13/deployments")).withQueryParam("teamId", equalTo(TEAM))
                .withHeader("Authorization", equalTo("Bearer " + linked.token()))
                .withRequestBody(equalToJson("{\"name\":\"shop\",\"deploymentId\":\"" + failed + "\",\"target\":\"production\"}")));
        assertThatThrownBy(() -> vercel.redeploy(linked.project(), "../v1/projects", "shop", null)).isInstanceOf(VercelUnavailable.class);
    }

    @Test
    void aVariableVercelDefinesOnlyForPreviewIsProposedBelowTheThresholdAndNeverCopied() {
        Linked linked = link("vercel-env-preview");
        fake.stubFor(get(urlPathEqualTo("/v10/projects/" + linked.vercelProject() + "/env")).willReturn(okJson("""
                {"envs":[{"type":"encrypted","value":"ZW5jcnlwdGVkLXByZXZpZXctdmFsdWU=","target":["preview","development"],"key":"API_URL",
                          "id":"env_preview1","configurationId":null,"createdAt":1764072000000,"updatedAt":1764072000000},
                         {"type":"plain","value":"on","target":["production"],"key":"FEATURE_FLAGS","id":"env_flags1"}],
                 "pagination":{"count":2,"next":null,"prev":null}}""")));

        List<FixProposal> proposals = generator.propose(context(linked, "production", "API_URL"));

        assertThat(proposals).singleElement().satisfies(proposal -> {
            assertThat(proposal.confidence()).isLessThan(0.8);
            assertThat(proposal.rationale()).contains("API_URL").contains("preview and development").contains("does not copy")
                    .doesNotContain("ZW5jcnlwdGVk");
            assertThat(proposal.changes()).singleElement().isEqualTo(new SetEnvironment("API_URL",
                    new OtherVercelEnvironment("env_preview1", List.of("preview", "development"))));
        });
        fake.verify(getRequestedFor(urlPathEqualTo("/v10/projects/" + linked.vercelProject() + "/env"))
                .withHeader("Authorization", equalTo("Bearer " + linked.token())));
        assertThat(generator.propose(context(linked, "production", "FEATURE_FLAGS"))).as("set for production already: NEX7 asks")
                .singleElement().satisfies(proposal -> assertThat(proposal.changes()).singleElement().isInstanceOf(NeedsInput.class));
        assertThat(generator.propose(context(linked, "production", "DATABASE_URL"))).as("unknown everywhere: NEX7 asks")
                .singleElement().satisfies(proposal -> assertThat(proposal.needsInput()).isTrue());
    }

    @Test
    void aVariableKeptInTheVaultIsAConfidentFixWhateverTheTarget() {
        Linked linked = link("vercel-env-vault");
        Response kept = api.post("/api/projects/" + linked.project() + "/credentials").token(linked.owner().accessToken()).json(Api.map("kind",
                "environment-variable", "name", "Production API", "data", Api.map("name", "API_URL", "value", "https://api.shop.test"))).send();
        assertThat(kept.status()).as(kept.text()).isEqualTo(201);

        List<FixProposal> proposals = generator.propose(context(linked, "production", "API_URL"));

        assertThat(proposals).singleElement().satisfies(proposal -> {
            assertThat(proposal.confidence()).isGreaterThanOrEqualTo(0.8);
            assertThat(proposal.rationale()).contains("Production API").doesNotContain("api.shop.test");
            assertThat(proposal.changes()).singleElement().isEqualTo(new SetEnvironment("API_URL", new VaultCredential(
                    new dev.nex7.credential.CredentialId(UUID.fromString(kept.json().path("id").asString())), "Production API")));
        });
        fake.verify(0, getRequestedFor(urlPathEqualTo("/v10/projects/" + linked.vercelProject() + "/env")));
    }

    /** What the generator sees for a failed Vercel deployment of {@code environment} whose log misses {@code variable}. */
    private FixContext context(Linked linked, String environment, String variable) {
        Deployment failed = deployments.record(new NewDeployment(linked.project(), Deployment.VERCEL, "dpl_" + UUID.randomUUID().toString()
                .replace("-", "").substring(0, 28), "poll", environment, "a".repeat(40), "Read the API", "main", null), DeploymentStatus.BUILDING);
        Finding finding = Finding.of(FindingCategory.MISSING_ENV_VAR, "next", 12).subject(variable)
                .message("Missing required environment variable " + variable).fix(FixStrategy.ADD_ENV_VAR).build();
        return new FixContext(failed, List.of(finding), new CheckoutFiles(new Worktree(checkout)));
    }

    private Linked link(String name) {
        Session owner = newUser(name);
        ProjectId project = project(owner);
        String vercelProject = "prj_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
        String token = "vercel_token_" + UUID.randomUUID().toString().replace("-", "");
        String credential = credential(owner, project, "vercel", token);
        Response linked = api.put("/api/projects/" + project + "/vercel").token(owner.accessToken()).json(Api.map("vercelProjectId", vercelProject,
                "teamId", TEAM, "credentialId", credential)).send();
        assertThat(linked.status()).as(linked.text()).isEqualTo(200);
        return new Linked(owner, project, vercelProject, token);
    }
}
