package dev.nex7.agent.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

import dev.nex7.agent.AgentDefinition;
import dev.nex7.agent.AgentSettings;

/**
 * The agents NEX7 ships, read once at start-up from the definition files
 * ({@code nex7.agent.definitions}, by default {@code agents/*.md} on the class path). A file that
 * cannot be used stops start-up with a message naming the file and what is wrong with it.
 */
@Component
public class BuiltInAgents {

    private static final String SUFFIX = ".md";

    private final Map<String, AgentDefinition> agents;

    BuiltInAgents(AgentSettings settings) {
        this.agents = load(settings.definitions());
    }

    /** Every built-in, Nexy first, then by name. */
    public List<AgentDefinition> all() {
        return List.copyOf(agents.values());
    }

    public Optional<AgentDefinition> find(String id) {
        return Optional.ofNullable(agents.get(id));
    }

    public boolean contains(String id) {
        return agents.containsKey(id);
    }

    private static Map<String, AgentDefinition> load(String pattern) {
        Resource[] files = resources(pattern);
        // File names give the ids, so the files may refer to one another in handsOffTo in any order.
        Map<String, Resource> byId = new LinkedHashMap<>();
        for (Resource file : files) {
            String id = idOf(file);
            Resource earlier = byId.putIfAbsent(id, file);
            if (earlier != null) {
                throw new InvalidAgentDefinition(describe(file), "another file defines '" + id + "' too: "
                        + describe(earlier));
            }
        }
        if (!byId.containsKey(AgentDefinition.NEXY)) {
            throw new InvalidAgentDefinition(pattern, "no file defines '" + AgentDefinition.NEXY
                    + "', the agent that routes requests no other agent takes; found " + byId.keySet());
        }
        Set<String> ids = byId.keySet();
        return byId.entrySet().stream()
                .map(entry -> AgentFiles.parse(describe(entry.getValue()), entry.getKey(), read(entry.getValue()),
                        ids::contains))
                .sorted(Comparator.comparing((AgentDefinition agent) -> !agent.id().equals(AgentDefinition.NEXY))
                        .thenComparing(AgentDefinition::name))
                .collect(Collectors.toMap(AgentDefinition::id, agent -> agent, (a, b) -> a, LinkedHashMap::new));
    }

    private static Resource[] resources(String pattern) {
        try {
            Resource[] found = new PathMatchingResourcePatternResolver().getResources(pattern);
            return Arrays.stream(found).filter(Resource::isReadable)
                    .filter(resource -> resource.getFilename() != null && resource.getFilename().endsWith(SUFFIX))
                    .toArray(Resource[]::new);
        } catch (IOException unreadable) {
            throw new UncheckedIOException("Cannot list the agent definition files " + pattern, unreadable);
        }
    }

    private static String idOf(Resource file) {
        String name = file.getFilename();
        return name.substring(0, name.length() - SUFFIX.length());
    }

    private static String read(Resource file) {
        try (InputStream in = file.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            throw new InvalidAgentDefinition(describe(file), "it cannot be read", unreadable);
        }
    }

    private static String describe(Resource file) {
        try {
            return file.getURI().toString();
        } catch (IOException e) {
            return file.getDescription();
        }
    }
}
