package dev.nex7.agent.registry;

import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import dev.nex7.agent.AgentDefinition;
import dev.nex7.platform.InvalidRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads an agent definition file: Markdown whose YAML front matter holds the metadata and whose
 * body is the system prompt.
 *
 * <pre>
 * ---
 * id: dev
 * name: Dev
 * persona: Reviews code, advises on architecture and performance, writes code.
 * avatar: "🛠️"
 * color: "#2563eb"
 * tools: [repo.read, snippet.analyse]
 * models: []
 * handsOffTo: [debugger, designer]
 * ---
 * You are Dev, ...
 * </pre>
 */
public final class AgentFiles {

    private static final String FENCE = "---";

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private AgentFiles() {
    }

    /** The front matter's keys. */
    record FrontMatter(String id, String name, String persona, String avatar, String color, List<String> tools,
            List<String> models, List<String> handsOffTo) {
    }

    /**
     * Parses and checks one file.
     *
     * @param location names the file in error messages
     * @param expectedId the id the file name gives; the front matter's id must match it
     * @param knownAgent whether an id names an agent {@code handsOffTo} may refer to
     * @throws InvalidAgentDefinition saying what is wrong and where
     */
    public static AgentDefinition parse(String location, String expectedId, String content,
            Predicate<String> knownAgent) {
        String text = content.replace("\r\n", "\n");
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (!text.endsWith("\n")) {
            text = text + "\n";
        }
        if (!text.startsWith(FENCE + "\n")) {
            throw new InvalidAgentDefinition(location, "it must start with a YAML front matter between '---' lines");
        }
        int end = text.indexOf("\n" + FENCE + "\n", FENCE.length());
        if (end < 0) {
            throw new InvalidAgentDefinition(location, "the front matter has no closing '---' line");
        }
        FrontMatter front = frontMatter(location, text.substring(FENCE.length() + 1, end + 1));
        String prompt = text.substring(end + FENCE.length() + 2);
        if (front.id() != null && !front.id().equals(expectedId)) {
            throw new InvalidAgentDefinition(location, "its id '" + front.id() + "' differs from its file name '"
                    + expectedId + ".md'");
        }
        AgentDefinition definition = new AgentDefinition(front.id(), front.name(), front.persona(), prompt,
                front.tools(), front.models(), front.avatar(), front.color(), AgentDefinition.BUILTIN,
                front.handsOffTo());
        try {
            return DefinitionRules.checked(definition, knownAgent);
        } catch (InvalidRequest invalid) {
            throw new InvalidAgentDefinition(location, invalid.errors().stream()
                    .map(error -> ("systemPrompt".equals(error.field()) ? "the body (system prompt)" : error.field())
                            + " " + error.message())
                    .collect(Collectors.joining("; ")));
        }
    }

    private static FrontMatter frontMatter(String location, String yaml) {
        try {
            FrontMatter front = YAML.readValue(yaml, FrontMatter.class);
            if (front == null) {
                throw new InvalidAgentDefinition(location, "the front matter is empty");
            }
            return front;
        } catch (UnrecognizedPropertyException unknown) {
            throw new InvalidAgentDefinition(location, "the front matter has an unknown key '"
                    + unknown.getPropertyName() + "'; the keys are id, name, persona, avatar, color, tools, models, "
                    + "handsOffTo", unknown);
        } catch (JacksonException unreadable) {
            throw new InvalidAgentDefinition(location, "the front matter is not valid YAML for an agent: "
                    + unreadable.getOriginalMessage(), unreadable);
        }
    }
}
