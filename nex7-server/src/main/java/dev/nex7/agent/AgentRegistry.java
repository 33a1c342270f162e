package dev.nex7.agent;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.nex7.agent.AgentRegistryChanged.Change;
import dev.nex7.agent.persistence.CustomAgents;
import dev.nex7.agent.persistence.DisabledAgents;
import dev.nex7.agent.registry.BuiltInAgents;
import dev.nex7.agent.registry.DefinitionRules;
import dev.nex7.identity.AuthenticatedUser;
import dev.nex7.identity.Role;
import dev.nex7.identity.UserId;
import dev.nex7.project.ProjectAccess;
import dev.nex7.project.ProjectId;
import dev.nex7.project.ProjectRole;

/**
 * Every agent there is: the built-ins (definition files), those plugins registered (held in memory
 * while the plugin is loaded) and the custom agents admins defined (in the database). Ids are unique
 * across the three. Any agent can be switched off per project, except Nexy, which routes.
 */
@Service
public class AgentRegistry {

    private final BuiltInAgents builtIns;
    private final Map<String, AgentDefinition> plugins = new ConcurrentHashMap<>();
    private final CustomAgents customs;
    private final DisabledAgents disabled;
    private final ProjectAccess access;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    AgentRegistry(BuiltInAgents builtIns, CustomAgents customs, DisabledAgents disabled, ProjectAccess access,
            ApplicationEventPublisher events, Clock clock) {
        this.builtIns = builtIns;
        this.customs = customs;
        this.disabled = disabled;
        this.access = access;
        this.events = events;
        this.clock = clock;
    }

    /** Every agent: Nexy first, then the other built-ins, plugin agents and custom agents, each by name. */
    public List<AgentDefinition> all() {
        List<AgentDefinition> all = new ArrayList<>(builtIns.all());
        plugins.values().stream().sorted(Comparator.comparing(AgentDefinition::name)).forEach(all::add);
        all.addAll(customs.all());
        return all;
    }

    public Optional<AgentDefinition> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Optional<AgentDefinition> builtIn = builtIns.find(id);
        if (builtIn.isPresent()) {
            return builtIn;
        }
        AgentDefinition plugin = plugins.get(id);
        return plugin != null ? Optional.of(plugin) : customs.find(id);
    }

    /** @throws AgentNotFound when no agent has this id */
    public AgentDefinition require(String id) {
        return find(id).orElseThrow(AgentNotFound::new);
    }

    /** The agents that may answer in {@code project}; every agent when {@code project} is {@code null}. */
    public List<AgentDefinition> enabledFor(ProjectId project) {
        if (project == null) {
            return all();
        }
        Set<String> off = disabled.in(project);
        return all().stream().filter(agent -> !off.contains(agent.id())).toList();
    }

    /** Whether the agent exists and may answer in {@code project} (any project when {@code null}). */
    public boolean isEnabled(String agentId, ProjectId project) {
        return find(agentId).isPresent() && (project == null || !disabled.in(project).contains(agentId));
    }

    /** The ids of the agents switched off in {@code project}, for a member of it (viewer or more). */
    public Set<String> disabledIn(ProjectId project, UserId member) {
        access.require(project, member, ProjectRole.VIEWER);
        return disabled.in(project);
    }

    /**
     * Adds a plugin's agent until the plugin {@link #unregister unregisters} it.
     *
     * @param agent its source must be {@code plugin:<plugin id>}
     * @throws dev.nex7.platform.InvalidRequest when the definition breaks a rule (unknown tool, colour...)
     * @throws AgentIdTaken when another agent has its id
     */
    @Transactional
    public AgentDefinition register(AgentDefinition agent) {
        if (agent.source() == null || !agent.source().startsWith(AgentDefinition.PLUGIN_PREFIX)) {
            throw new IllegalArgumentException("A plugin's agent has the source plugin:<plugin id>, not " + agent.source());
        }
        AgentDefinition checked = DefinitionRules.checked(agent, this::exists);
        if (builtIns.contains(checked.id()) || customs.find(checked.id()).isPresent()
                || plugins.putIfAbsent(checked.id(), checked) != null) {
            throw new AgentIdTaken();
        }
        events.publishEvent(new AgentRegistryChanged(checked.id(), Change.ADDED));
        return checked;
    }

    /** Removes a plugin's agent; an id that names no plugin agent is left alone. */
    @Transactional
    public void unregister(String id) {
        if (plugins.remove(id) != null) {
            events.publishEvent(new AgentRegistryChanged(id, Change.REMOVED));
        }
    }

    /**
     * Creates a custom agent (admins only).
     *
     * @param agent its source is ignored: the result's is {@code custom}
     */
    @Transactional
    public AgentDefinition create(AuthenticatedUser caller, AgentDefinition agent) {
        requireAdmin(caller);
        AgentDefinition checked = DefinitionRules.checked(agent.withSource(AgentDefinition.CUSTOM), this::exists);
        if (builtIns.contains(checked.id()) || plugins.containsKey(checked.id())) {
            throw new AgentIdTaken();
        }
        try {
            customs.insert(checked, caller.id(), now());
        } catch (DuplicateKeyException taken) {
            throw new AgentIdTaken();
        }
        events.publishEvent(new AgentRegistryChanged(checked.id(), Change.ADDED));
        return checked;
    }

    /** Replaces a custom agent's definition (admins only); built-in and plugin agents are read-only. */
    @Transactional
    public AgentDefinition update(AuthenticatedUser caller, AgentDefinition agent) {
        requireAdmin(caller);
        requireCustom(agent.id());
        AgentDefinition checked = DefinitionRules.checked(agent.withSource(AgentDefinition.CUSTOM), this::exists);
        if (!customs.update(checked, caller.id(), now())) {
            throw new AgentNotFound();
        }
        events.publishEvent(new AgentRegistryChanged(checked.id(), Change.CHANGED));
        return checked;
    }

    /**
     * Deletes a custom agent (admins only). Conversations it was answering keep its id as their
     * current agent; the orchestration lets Nexy answer there.
     */
    @Transactional
    public void delete(AuthenticatedUser caller, String id) {
        requireAdmin(caller);
        requireCustom(id);
        if (!customs.delete(id)) {
            throw new AgentNotFound();
        }
        disabled.forgetAgent(id);
        events.publishEvent(new AgentRegistryChanged(id, Change.REMOVED));
    }

    /**
     * Switches an agent on or off in a project: its owners and admins may. Nexy stays on.
     *
     * @throws AgentNotFound when no agent has this id
     * @throws AgentAlwaysEnabled when asked to switch Nexy off
     */
    @Transactional
    public AgentDefinition setEnabled(ProjectId project, String agentId, boolean enabled, AuthenticatedUser caller) {
        if (!isAdmin(caller)) {
            access.require(project, caller.id(), ProjectRole.OWNER);
        }
        AgentDefinition agent = require(agentId);
        if (enabled) {
            disabled.enable(project, agentId);
        } else if (AgentDefinition.NEXY.equals(agentId)) {
            throw new AgentAlwaysEnabled();
        } else {
            disabled.disable(project, agentId, caller.id(), now());
        }
        return agent;
    }

    /** Forgets what was switched off in a project that is gone. */
    void forgetProject(ProjectId project) {
        disabled.forgetProject(project);
    }

    private boolean exists(String id) {
        return find(id).isPresent();
    }

    private void requireCustom(String id) {
        if (builtIns.contains(id) || plugins.containsKey(id)) {
            throw new AgentReadOnly();
        }
    }

    private static void requireAdmin(AuthenticatedUser caller) {
        if (!isAdmin(caller)) {
            throw new AdminRoleRequired();
        }
    }

    private static boolean isAdmin(AuthenticatedUser caller) {
        return caller.role() != null && caller.role().includes(Role.ADMIN);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
