package dev.nex7.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import dev.nex7.agent.registry.BuiltInAgents;
import dev.nex7.agent.registry.InvalidAgentDefinition;

/** The built-in agents' definition files, and what happens at start-up when one is not usable. */
class AgentDefinitionFilesTests {

    private static final String VALID_NEXY = """
            ---
            id: nexy
            name: Nexy
            persona: Routes.
            avatar: "🧭"
            color: "#7c3aed"
            tools: [agents.handoff]
            handsOffTo: [helper]
            ---
            You are Nexy.
            """;

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(BuiltInsOnly.class);

    @TempDir
    Path folder;

    @Test
    void theFiveBuiltInsLoadWithTheirPromptsNexyFirst() {
        context.run(started -> {
            List<AgentDefinition> agents = started.getBean(BuiltInAgents.class).all();

            assertThat(agents).extracting(AgentDefinition::id)
                    .containsExactly("nexy", "debugger", "designer", "dev", "teacher");
            assertThat(agents).allSatisfy(agent -> {
                assertThat(agent.source()).isEqualTo("builtin");
                assertThat(agent.systemPrompt()).startsWith("You are " + agent.name())
                        .contains("## What you do not do").hasSizeGreaterThan(2000);
                assertThat(agent.persona()).doesNotContain("\n");
                assertThat(agent.color()).matches("#[0-9a-f]{6}");
                assertThat(agent.tools()).isNotEmpty().allMatch(AgentTools::isKnown);
                assertThat(agent.handsOffTo()).isNotEmpty().doesNotContain(agent.id());
            });
            AgentDefinition nexy = agents.getFirst();
            assertThat(nexy.handsOffTo()).containsExactlyInAnyOrder("dev", "designer", "teacher", "debugger");
            assertThat(nexy.tools()).contains(AgentTools.AGENTS_HANDOFF).doesNotContain(AgentTools.WORKFLOWS_RUN);
            assertThat(agents).filteredOn(agent -> agent.id().equals("debugger")).singleElement()
                    .satisfies(debugger -> assertThat(debugger.tools()).contains(AgentTools.DEPLOYMENTS_LOGS,
                            AgentTools.EXECUTIONS_ERRORS));
        });
    }

    @Test
    void aDefinitionWithAnUnknownToolAndABadColourStopsStartUpNamingTheFileAndBothProblems() throws IOException {
        write("nexy.md", VALID_NEXY);
        write("helper.md", """
                ---
                id: helper
                name: Helper
                persona: Helps.
                avatar: "🤝"
                color: red
                tools: [agents.handoff, shell.exec]
                ---
                You help.
                """);

        assertStartUpFailsWith("helper.md is invalid: ", "color must be a colour written #rrggbb",
                "tools[1] is not a known tool");
    }

    @Test
    void aFileWithoutFrontMatterStopsStartUp() throws IOException {
        write("nexy.md", VALID_NEXY);
        write("helper.md", "You help, but nothing says who you are.\n");

        assertStartUpFailsWith("helper.md is invalid: it must start with a YAML front matter");
    }

    @Test
    void anUnknownFrontMatterKeyStopsStartUpRatherThanBeingIgnored() throws IOException {
        write("nexy.md", VALID_NEXY.replace("color:", "colour:"));
        write("helper.md", VALID_NEXY.replace("id: nexy", "id: helper").replace("[helper]", "[nexy]"));

        assertStartUpFailsWith("nexy.md is invalid: the front matter has an unknown key 'colour'");
    }

    @Test
    void anIdThatDiffersFromTheFileNameStopsStartUp() throws IOException {
        write("nexy.md", VALID_NEXY);
        write("helper.md", VALID_NEXY.replace("[helper]", "[nexy]"));

        assertStartUpFailsWith("helper.md is invalid: its id 'nexy' differs from its file name 'helper.md'");
    }

    @Test
    void anEmptySystemPromptAndAHandoffToNobodyStopStartUp() throws IOException {
        write("nexy.md", VALID_NEXY.replace("You are Nexy.\n", "").replace("[helper]", "[ghost]"));
        write("helper.md", VALID_NEXY.replace("id: nexy", "id: helper").replace("[helper]", "[nexy]"));

        assertStartUpFailsWith("nexy.md is invalid: ", "handsOffTo[0] is not a known agent",
                "the body (system prompt) must be 1 to 32000 characters");
    }

    @Test
    void definitionsWithoutNexyStopStartUp() throws IOException {
        write("helper.md", VALID_NEXY.replace("id: nexy", "id: helper").replace("handsOffTo: [helper]\n", ""));

        assertStartUpFailsWith("no file defines 'nexy', the agent that routes");
    }

    private void write(String name, String content) throws IOException {
        Files.writeString(folder.resolve(name), content);
    }

    private void assertStartUpFailsWith(String... fragments) {
        context.withPropertyValues("nex7.agent.definitions=" + folder.toUri() + "*.md").run(started -> {
            assertThat(started).hasFailed();
            Throwable cause = started.getStartupFailure();
            while (cause != null && !(cause instanceof InvalidAgentDefinition)) {
                cause = cause.getCause();
            }
            assertThat(cause).as("an InvalidAgentDefinition among the causes of %s", started.getStartupFailure())
                    .isNotNull();
            assertThat(cause.getMessage()).contains(fragments);
        });
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(AgentSettings.class)
    @Import(BuiltInAgents.class)
    static class BuiltInsOnly {
    }
}
