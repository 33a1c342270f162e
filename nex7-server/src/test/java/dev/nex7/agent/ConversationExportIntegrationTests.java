package dev.nex7.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.nex7.agent.ContentBlock.Text;
import dev.nex7.agent.ContentBlock.ToolResult;
import dev.nex7.agent.ContentBlock.ToolUse;
import dev.nex7.support.Api.Response;

/**
 * The Markdown export against a golden file. A conversation with everything the chat can hold —
 * a handoff, a consultation with its inner messages, a tool call and its result, a notice, a
 * stopped answer — is written through the {@link Conversations} API the orchestration uses.
 */
class ConversationExportIntegrationTests extends AgentIntegrationTest {

    private static final String GOLDEN = "/dev/nex7/agent/conversation-export.md";
    private static final MessageUsage USAGE = new MessageUsage(900, 120, new BigDecimal("0.0045"), "anthropic",
            "claude-sonnet-4-5");

    @Autowired
    Conversations conversations;

    @Test
    void theExportRendersHandoffsConsultationsAndToolCallsReadably() throws IOException {
        Session ada = newUser("Ada Lovelace");
        ConversationId id = conversationWithEverything(ada);

        Response export = api.get("/api/conversations/" + id + "/export").token(ada.accessToken()).send();

        assertThat(export.status()).isEqualTo(200);
        assertThat(export.header("Content-Type")).startsWith("text/markdown");
        assertThat(export.header("Content-Disposition"))
                .isEqualTo("attachment; filename=\"Deploy-fails-after-the-React-upgrade.md\"");
        String actual = export.text().replaceFirst("Started \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC", "Started <time>");
        Files.writeString(Path.of("target", "conversation-export.md"), actual);
        assertThat(actual).as("differs from %s; the fresh export is in target/conversation-export.md", GOLDEN)
                .isEqualTo(golden());
    }

    private ConversationId conversationWithEverything(Session ada) {
        ConversationId id = conversations.create(userId(ada), "Deploy fails after the React upgrade", null, null).id();
        conversations.append(id, NewMessage.fromUser(
                "My Vercel deploy fails since I upgraded React: `Cannot find module 'react-dom/client'`."));
        conversations.append(id, NewMessage.fromAgent("nexy",
                List.of(new Text("That is a failed build, so I'm bringing in Debugger.")), USAGE));
        conversations.append(id, NewMessage.handoff("nexy", "debugger",
                "The user's Vercel deployment fails after a React upgrade with \"Cannot find module "
                        + "'react-dom/client'\".\nNothing tried yet."));
        conversations.setCurrentAgent(id, "debugger");
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("deploymentId", "dpl_42");
        input.put("lines", 50);
        conversations.append(id, NewMessage.toolCall("debugger", new ToolUse("toolu_01", "deployments.logs", input), USAGE));
        conversations.append(id, NewMessage.toolResult("debugger", new ToolResult("toolu_01",
                "Error: Cannot find module 'react-dom/client'\n    at src/index.tsx:2:1\n```\nnpm ERR! code 1", false)));
        Message consultation = conversations.append(id, NewMessage.consultation("debugger", "dev",
                "Does react-dom 17 ship react-dom/client?"));
        conversations.append(id, NewMessage.fromUser("Does react-dom 17 ship react-dom/client? The app calls "
                + "createRoot.").by("debugger").within(consultation.id()));
        conversations.append(id, NewMessage.fromAgent("dev", List.of(new Text(
                "No: `react-dom/client` and `createRoot` arrived in React 18. With react 18 and react-dom 17 "
                        + "installed side by side, the import fails at build time.")), USAGE).within(consultation.id()));
        conversations.append(id, NewMessage.fromAgent("debugger", List.of(new Text("""
                **Root cause:** `react` was upgraded to 18 but `react-dom` is still 17, and `react-dom/client` only \
                exists in 18.

                Fix:

                ```bash
                npm install react-dom@18
                ```""")), USAGE));
        conversations.append(id, NewMessage.notice(MessageKind.NOTICE, "Anthropic was overloaded; OpenAI answered."));
        conversations.append(id, NewMessage.fromUser("Thanks! Can you also check the types?"));
        Message stopped = conversations.append(id, NewMessage.streaming("debugger"));
        conversations.complete(stopped.id(), List.of(new Text("Checking `@types/react-dom`…")), null,
                MessageStatus.STOPPED, USAGE);
        return id;
    }

    private static String golden() throws IOException {
        try (InputStream in = ConversationExportIntegrationTests.class.getResourceAsStream(GOLDEN)) {
            assertThat(in).as(GOLDEN + " on the test class path").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
