package dev.nex7.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import dev.nex7.platform.InvalidRequest;
import dev.nex7.support.Api;
import dev.nex7.support.Api.Response;
import tools.jackson.databind.JsonNode;

@RecordApplicationEvents
class ConversationIntegrationTests extends AgentIntegrationTest {

    private static final MessageUsage USAGE = new MessageUsage(1200, 80, new BigDecimal("0.004800"), "anthropic",
            "claude-sonnet-4-5");

    @Autowired
    Conversations conversations;

    @Autowired
    ApplicationEvents events;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aPersonStartsReadsRenamesAndDeletesAConversation() {
        Session ada = newUser("Ada");

        Response created = api.post("/api/conversations").token(ada.accessToken()).json("{}").send();
        String path = "/api/conversations/" + created.json().path("id").asString();
        Response read = api.get(path).token(ada.accessToken()).send();
        Response renamed = api.patch(path).token(ada.accessToken()).json(Api.map("title", "  Pricing page copy ")).send();
        Response deleted = api.delete(path).token(ada.accessToken()).send();

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo(path);
        assertThat(created.json().path("title").asString()).isEqualTo("New conversation");
        assertThat(created.json().path("currentAgentId").asString()).isEqualTo("nexy");
        assertThat(created.json().path("projectId").isNull()).isTrue();
        assertThat(created.json().path("hasSummary").asBoolean()).isFalse();
        assertThat(created.json().path("lastSeq").asLong()).isZero();
        assertThat(read.json()).isEqualTo(created.json());
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.json().path("title").asString()).isEqualTo("Pricing page copy");
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(api.get(path).token(ada.accessToken()).send().problemType()).isEqualTo("conversation-not-found");
    }

    @Test
    void anotherPersonsConversationIsNotFoundOnEveryEndpoint() {
        Session owner = newUser("Owner");
        Session other = newUser("Other");
        Conversation mine = conversations.create(userId(owner), "Secret plans for the launch", null, "dev");
        conversations.append(mine.id(), NewMessage.fromUser("Nobody else may read this"));
        String path = "/api/conversations/" + mine.id();

        List<Response> answers = List.of(api.get(path).token(other.accessToken()).send(),
                api.patch(path).token(other.accessToken()).json(Api.map("title", "Mine now")).send(),
                api.get(path + "/messages").token(other.accessToken()).send(),
                api.get(path + "/summary").token(other.accessToken()).send(),
                api.get(path + "/export").token(other.accessToken()).send(),
                api.delete(path).token(other.accessToken()).send());
        Response otherList = api.get("/api/conversations?q=secret").token(other.accessToken()).send();

        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(404);
            assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
            assertThat(answer.problemType()).isEqualTo("conversation-not-found");
        });
        assertThat(otherList.json().path("totalItems").asLong()).isZero();
        assertThat(conversations.find(mine.id(), userId(owner)).title()).isEqualTo("Secret plans for the launch");
        assertThat(conversations.history(mine.id(), 0, 10)).hasSize(1);
    }

    @Test
    void bindingToAProjectNeedsARoleInIt() {
        Session owner = newUser("Owner");
        Session viewer = newUser("Viewer");
        Session stranger = newUser("Stranger");
        String project = project(owner);
        addMember(owner, project, viewer, "viewer");

        Response byViewer = api.post("/api/conversations").token(viewer.accessToken())
                .json(Api.map("projectId", project, "agentId", "debugger")).send();
        Response byStranger = api.post("/api/conversations").token(stranger.accessToken())
                .json(Api.map("projectId", project)).send();
        String strangers = api.post("/api/conversations").token(stranger.accessToken()).json("{}").send()
                .json().path("id").asString();
        Response bindByStranger = api.patch("/api/conversations/" + strangers).token(stranger.accessToken())
                .json(Api.map("projectId", project)).send();
        Response unknownProject = api.post("/api/conversations").token(owner.accessToken())
                .json(Api.map("projectId", UUID.randomUUID().toString())).send();
        String path = "/api/conversations/" + byViewer.json().path("id").asString();
        Response unbound = api.patch(path).token(viewer.accessToken()).json("{\"projectId\": null}").send();
        Response rebound = api.patch(path).token(viewer.accessToken()).json(Api.map("projectId", project)).send();
        Response filtered = api.get("/api/conversations?projectId=" + project).token(viewer.accessToken()).send();

        assertThat(byViewer.status()).isEqualTo(201);
        assertThat(byViewer.json().path("projectId").asString()).isEqualTo(project);
        assertThat(byViewer.json().path("currentAgentId").asString()).isEqualTo("debugger");
        assertThat(byStranger.status()).isEqualTo(404);
        assertThat(byStranger.problemType()).isEqualTo("project-not-found");
        assertThat(bindByStranger.problemType()).isEqualTo("project-not-found");
        assertThat(api.get("/api/conversations/" + strangers).token(stranger.accessToken()).send().json()
                .path("projectId").isNull()).isTrue();
        assertThat(unknownProject.problemType()).isEqualTo("project-not-found");
        assertThat(unbound.json().path("projectId").isNull()).isTrue();
        assertThat(unbound.json().path("title").asString()).as("left out, so kept").isEqualTo("New conversation");
        assertThat(rebound.json().path("projectId").asString()).isEqualTo(project);
        assertThat(filtered.json().path("totalItems").asLong()).isEqualTo(1);
    }

    @Test
    void anAgentSwitchedOffInTheProjectCannotStartAConversationThereAndNexyTakesOverOnBinding() {
        Session owner = newUser("Owner");
        String project = project(owner);
        api.put("/api/projects/" + project + "/agents/designer").token(owner.accessToken())
                .json(Api.map("enabled", false)).send();
        String unbound = api.post("/api/conversations").token(owner.accessToken()).json(Api.map("agentId", "designer"))
                .send().json().path("id").asString();

        Response refused = api.post("/api/conversations").token(owner.accessToken())
                .json(Api.map("projectId", project, "agentId", "designer")).send();
        Response unknownAgent = api.post("/api/conversations").token(owner.accessToken())
                .json(Api.map("agentId", "ghost")).send();
        Response bound = api.patch("/api/conversations/" + unbound).token(owner.accessToken())
                .json(Api.map("projectId", project)).send();

        assertThat(refused.status()).isEqualTo(400);
        assertThat(Api.fields(refused)).containsExactly("agentId");
        assertThat(Api.fields(unknownAgent)).containsExactly("agentId");
        assertThat(bound.json().path("currentAgentId").asString()).isEqualTo("nexy");
    }

    @Test
    void badInputIsAProblemAndChangesNothing() {
        Session ada = newUser("Ada");
        String path = "/api/conversations/" + api.post("/api/conversations").token(ada.accessToken())
                .json(Api.map("title", "Kept")).send().json().path("id").asString();

        Response longTitle = api.post("/api/conversations").token(ada.accessToken())
                .json(Api.map("title", "t".repeat(201))).send();
        Response blankRename = api.patch(path).token(ada.accessToken()).json(Api.map("title", "   ")).send();
        Response nullRename = api.patch(path).token(ada.accessToken()).json("{\"title\": null}").send();
        Response unknownField = api.patch(path).token(ada.accessToken()).json(Api.map("pinned", true)).send();
        Response wrongType = api.post("/api/conversations").token(ada.accessToken())
                .json(Api.map("projectId", "not-a-uuid")).send();
        Response malformed = api.post("/api/conversations").token(ada.accessToken()).json("{\"title\":").send();
        Response badId = api.get("/api/conversations/not-a-uuid").token(ada.accessToken()).send();
        Response unknownId = api.get("/api/conversations/" + UUID.randomUUID()).token(ada.accessToken()).send();
        Response badLimit = api.get(path + "/messages?limit=0").token(ada.accessToken()).send();
        Response badAfter = api.get(path + "/messages?afterSeq=-1").token(ada.accessToken()).send();
        Response badPage = api.get("/api/conversations?size=1000").token(ada.accessToken()).send();
        Response badSearch = api.get("/api/conversations?q=%21%21%21").token(ada.accessToken()).send();

        assertThat(Api.fields(longTitle)).containsExactly("title");
        assertThat(Api.fields(blankRename)).containsExactly("title");
        assertThat(Api.fields(nullRename)).containsExactly("title");
        assertThat(Api.fields(unknownField)).containsExactly("pinned");
        assertThat(Api.fields(wrongType)).containsExactly("projectId");
        assertThat(malformed.problemType()).isEqualTo("malformed-request");
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.header("Content-Type")).startsWith("application/problem+json");
        assertThat(unknownId.problemType()).isEqualTo("conversation-not-found");
        assertThat(Api.fields(badLimit)).containsExactly("limit");
        assertThat(Api.fields(badAfter)).containsExactly("afterSeq");
        assertThat(Api.fields(badPage)).containsExactly("size");
        assertThat(Api.fields(badSearch)).containsExactly("q");
        assertThat(api.get(path).token(ada.accessToken()).send().json().path("title").asString()).isEqualTo("Kept");
        assertThat(api.get("/api/conversations").token(ada.accessToken()).send().json().path("totalItems").asLong())
                .isEqualTo(1);
    }

    @Test
    void searchFindsConversationsByTitleAndByMessageTextAsWordPrefixes() {
        Session ada = newUser("Ada");
        Session other = newUser("Other");
        Conversation byTitle = conversations.create(userId(ada), "Kubernetes ingress questions", null, null);
        Conversation byMessage = conversations.create(userId(ada), "Friday", null, null);
        conversations.append(byMessage.id(), NewMessage.fromUser("The deployment to Vercel failed with a timeout"));
        conversations.create(userId(ada), "Unrelated lunch plans", null, null);
        Conversation othersMatch = conversations.create(userId(other), "Vercel deployment", null, null);

        assertThat(titles(search(ada, "kubernetes"))).containsExactly("Kubernetes ingress questions");
        assertThat(titles(search(ada, "deploy verc"))).containsExactly("Friday");
        assertThat(titles(search(ada, "TIMEOUT!"))).containsExactly("Friday");
        assertThat(titles(search(ada, "deploy kubernetes"))).isEmpty();
        assertThat(titles(search(other, "deploy"))).containsExactly("Vercel deployment");
        assertThat(byTitle.id()).isNotEqualTo(othersMatch.id());
    }

    @Test
    void theListIsPagedMostRecentlyActiveFirst() {
        Session ada = newUser("Ada");
        Conversation first = conversations.create(userId(ada), "First", null, null);
        clock.advance(Duration.ofMinutes(1));
        conversations.create(userId(ada), "Second", null, null);
        clock.advance(Duration.ofMinutes(1));
        conversations.create(userId(ada), "Third", null, null);
        clock.advance(Duration.ofMinutes(1));
        conversations.append(first.id(), NewMessage.fromUser("Back to the first one"));

        Response page0 = api.get("/api/conversations?size=2").token(ada.accessToken()).send();
        Response page1 = api.get("/api/conversations?size=2&page=1").token(ada.accessToken()).send();

        assertThat(titles(page0)).containsExactly("First", "Third");
        assertThat(titles(page1)).containsExactly("Second");
        assertThat(page0.json().path("totalItems").asLong()).isEqualTo(3);
        assertThat(page0.json().path("totalPages").asInt()).isEqualTo(2);
    }

    @Test
    void deletingAConversationDeletesItsMessagesAndTellsTheOrchestration() {
        Session ada = newUser("Ada");
        Conversation conversation = conversations.create(userId(ada), "Short-lived", null, null);
        conversations.append(conversation.id(), NewMessage.fromUser("Hello"));
        Message consultation = conversations.append(conversation.id(), NewMessage.consultation("nexy", "dev", "Quick?"));
        conversations.append(conversation.id(), NewMessage.fromAgent("dev", List.of(new ContentBlock.Text("Yes")), USAGE)
                .within(consultation.id()));

        conversations.delete(conversation.id(), userId(ada));

        assertThat(jdbc.sql("SELECT count(*) FROM agent_messages WHERE conversation_id = :id")
                .param("id", conversation.id().value()).query(Long.class).single()).isZero();
        assertThat(events.stream(ConversationDeleted.class))
                .containsExactly(new ConversationDeleted(conversation.id(), userId(ada)));
        assertThatThrownBy(() -> conversations.delete(conversation.id(), userId(ada)))
                .isInstanceOf(ConversationNotFound.class);
    }

    @Test
    void messagesAreNumberedInOrderAndReadOnFromAfterSeqWithConsultationsInside() {
        Session ada = newUser("Ada");
        Conversation conversation = conversations.create(userId(ada), "Numbers", null, null);
        ConversationId id = conversation.id();
        conversations.append(id, NewMessage.fromUser("Question"));
        Message consultation = conversations.append(id, NewMessage.consultation("nexy", "teacher", "How to explain?"));
        conversations.append(id, NewMessage.fromUser("How to explain?").by("nexy").within(consultation.id()));
        conversations.append(id, NewMessage.fromAgent("teacher", List.of(new ContentBlock.Text("With a picture")), USAGE)
                .within(consultation.id()));
        conversations.append(id, NewMessage.fromAgent("nexy", List.of(new ContentBlock.Text("Here it is")), USAGE));
        String path = "/api/conversations/" + id + "/messages";

        Response all = api.get(path).token(ada.accessToken()).send();
        Response later = api.get(path + "?afterSeq=2&limit=2").token(ada.accessToken()).send();

        assertThat(seqs(all)).containsExactly(1L, 2L, 3L, 4L, 5L);
        JsonNode inner = all.json().get(3);
        assertThat(inner.path("parentId").asString()).isEqualTo(consultation.id().toString());
        assertThat(inner.path("agentId").asString()).isEqualTo("teacher");
        assertThat(inner.path("usage").path("inputTokens").asLong()).isEqualTo(1200);
        assertThat(inner.path("usage").path("costUsd").decimalValue()).isEqualByComparingTo("0.0048");
        assertThat(inner.path("content").get(0).path("type").asString()).isEqualTo("text");
        assertThat(all.json().get(1).path("kind").asString()).isEqualTo("consultation");
        assertThat(all.json().get(1).path("targetAgentId").asString()).isEqualTo("teacher");
        assertThat(all.json().get(0).path("usage").isNull()).isTrue();
        assertThat(seqs(later)).containsExactly(3L, 4L);
        assertThat(conversations.history(id, 0, 10)).extracting(Message::seq).as("the conversation's own messages")
                .containsExactly(1L, 2L, 5L);
        assertThat(conversations.history(id, 0, 2)).extracting(Message::seq).containsExactly(2L, 5L);
        assertThat(conversations.find(id, userId(ada)).lastSeq()).isEqualTo(5);
    }

    @Test
    void aStreamedAnswerIsCompletedOnceWithItsContentAndUsage() {
        Session ada = newUser("Ada");
        ConversationId id = conversations.create(userId(ada), "Streaming", null, "dev").id();
        Message streaming = conversations.append(id, NewMessage.streaming("dev"));
        ContentBlock.ToolUse call = new ContentBlock.ToolUse("toolu_7", "repo.read", Map.of("path", "pom.xml"));

        Message done = conversations.complete(streaming.id(), List.of(new ContentBlock.Text("Let me read it."), call),
                null, MessageStatus.COMPLETE, USAGE);

        assertThat(streaming.status()).isEqualTo(MessageStatus.STREAMING);
        assertThat(streaming.content()).isEmpty();
        assertThat(streaming.completedAt()).isNull();
        assertThat(done.status()).isEqualTo(MessageStatus.COMPLETE);
        assertThat(done.content()).containsExactly(new ContentBlock.Text("Let me read it."), call);
        assertThat(done.text()).isEqualTo("Let me read it.\n\nrepo.read");
        assertThat(done.usage()).isEqualTo(new MessageUsage(1200, 80, new BigDecimal("0.004800"), "anthropic",
                "claude-sonnet-4-5"));
        assertThat(done.completedAt()).isNotNull();
        assertThatThrownBy(() -> conversations.complete(streaming.id(), List.of(), "again", MessageStatus.STOPPED, null))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> conversations.complete(streaming.id(), List.of(), "x", MessageStatus.STREAMING, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(conversations.history(id, 0, 1).getFirst().text()).isEqualTo("Let me read it.\n\nrepo.read");
    }

    @Test
    void malformedMessagesAreRefusedBeforeTakingASeq() {
        Session ada = newUser("Ada");
        Session bob = newUser("Bob");
        ConversationId id = conversations.create(userId(ada), "Strict", null, null).id();
        ConversationId other = conversations.create(userId(bob), "Elsewhere", null, null).id();
        Message notAConsultation = conversations.append(other, NewMessage.fromUser("Hi"));

        assertThatThrownBy(() -> conversations.append(id, new NewMessage(MessageRole.USER, null, null,
                MessageKind.MESSAGE, List.of(), null, MessageStatus.STREAMING, null, null)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> conversations.append(id, new NewMessage(MessageRole.ASSISTANT, "nexy", null,
                MessageKind.HANDOFF, List.of(), null, MessageStatus.COMPLETE, null, null)))
                .as("a handoff without a target").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> conversations.append(id, NewMessage.fromUser("x").within(notAConsultation.id())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> conversations.append(id, NewMessage.toolResult("dev",
                new ContentBlock.ToolResult(null, "orphan", false)))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> conversations.append(ConversationId.random(), NewMessage.fromUser("Anyone?")))
                .isInstanceOf(ConversationNotFound.class);
        assertThat(conversations.find(id, userId(ada)).lastSeq()).isZero();
    }

    @Test
    void aMessageOverTheSizeLimitIsRefused() {
        Session ada = newUser("Ada");
        ConversationId id = conversations.create(userId(ada), "Big", null, null).id();
        Message streaming = conversations.append(id, NewMessage.streaming("dev"));
        String huge = "x".repeat(140 * 1024);

        assertThatThrownBy(() -> conversations.append(id, NewMessage.fromUser(huge)))
                .isInstanceOfSatisfying(InvalidRequest.class,
                        invalid -> assertThat(invalid.errors()).extracting(e -> e.field()).containsExactly("content"));
        assertThatThrownBy(() -> conversations.complete(streaming.id(), List.of(new ContentBlock.Text(huge)), null,
                MessageStatus.COMPLETE, null)).isInstanceOf(InvalidRequest.class);
        assertThat(conversations.append(id, NewMessage.fromUser("y".repeat(100 * 1024))).seq()).isEqualTo(2);
    }

    @Test
    void theSummaryIsShownOnDemandAndNeverMovesBack() {
        Session ada = newUser("Ada");
        ConversationId id = conversations.create(userId(ada), "Long talk", null, null).id();
        for (int i = 1; i <= 4; i++) {
            conversations.append(id, NewMessage.fromUser("Message " + i));
        }
        String path = "/api/conversations/" + id;
        Response before = api.get(path + "/summary").token(ada.accessToken()).send();

        boolean saved = conversations.saveSummary(id, "Ada asked four things.", 3);
        boolean older = conversations.saveSummary(id, "Ada asked two things.", 2);
        Response after = api.get(path + "/summary").token(ada.accessToken()).send();

        assertThat(before.status()).isEqualTo(200);
        assertThat(before.json().path("text").isNull()).isTrue();
        assertThat(before.json().path("throughSeq").asLong()).isZero();
        assertThat(saved).isTrue();
        assertThat(older).isFalse();
        assertThat(after.json().path("text").asString()).isEqualTo("Ada asked four things.");
        assertThat(after.json().path("throughSeq").asLong()).isEqualTo(3);
        assertThat(api.get(path).token(ada.accessToken()).send().json().path("hasSummary").asBoolean()).isTrue();
        assertThat(conversations.history(id, 3, 10)).extracting(Message::text).containsExactly("Message 4");
        assertThatThrownBy(() -> conversations.saveSummary(id, "Too far", 5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theCurrentAgentChangesOnHandoffToKnownAgentsOnly() {
        Session ada = newUser("Ada");
        ConversationId id = conversations.create(userId(ada), "Routing", null, null).id();

        conversations.append(id, NewMessage.handoff("nexy", "debugger", "A failed build."));
        conversations.setCurrentAgent(id, "debugger");

        assertThat(conversations.find(id, userId(ada)).currentAgentId()).isEqualTo("debugger");
        assertThatThrownBy(() -> conversations.setCurrentAgent(id, "ghost")).isInstanceOf(AgentNotFound.class);
    }

    @Test
    void deletingAProjectUnbindsItsConversationsAndForgetsItsMemoryAndSwitches() {
        Session owner = newUser("Owner");
        String project = project(owner);
        Conversation bound = conversations.create(userId(owner), "Bound", projectId(project), null);
        api.put("/api/projects/" + project + "/agents/dev").token(owner.accessToken()).json(Api.map("enabled", false))
                .send();
        api.post("/api/projects/" + project + "/memory").token(owner.accessToken()).json(Api.map("text", "pnpm")).send();

        assertThat(api.delete("/api/projects/" + project).token(owner.accessToken()).send().status()).isEqualTo(204);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(
                () -> assertThat(conversations.find(bound.id(), userId(owner)).projectId()).isNull());
        assertThat(jdbc.sql("SELECT count(*) FROM agent_memory_facts WHERE project_id = :p")
                .param("p", UUID.fromString(project)).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM agent_disabled_agents WHERE project_id = :p")
                .param("p", UUID.fromString(project)).query(Long.class).single()).isZero();
    }

    private Response search(Session user, String q) {
        return api.get("/api/conversations?q=" + java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8))
                .token(user.accessToken()).send();
    }

    private static List<String> titles(Response page) {
        List<String> titles = new ArrayList<>();
        page.json().path("items").forEach(c -> titles.add(c.path("title").asString()));
        return titles;
    }

    private static List<Long> seqs(Response messages) {
        List<Long> seqs = new ArrayList<>();
        messages.json().forEach(m -> seqs.add(m.path("seq").asLong()));
        return seqs;
    }
}
