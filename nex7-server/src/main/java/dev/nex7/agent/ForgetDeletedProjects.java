package dev.nex7.agent;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import dev.nex7.project.ProjectEvents.ProjectDeleted;

/**
 * When a project is deleted its memory facts and agent switches go with it, and the conversations
 * bound to it stay, unbound: they are their people's, not the project's. Running it twice does no harm.
 */
@Component
class ForgetDeletedProjects {

    private final ProjectMemory memory;
    private final AgentRegistry agents;
    private final Conversations conversations;

    ForgetDeletedProjects(ProjectMemory memory, AgentRegistry agents, Conversations conversations) {
        this.memory = memory;
        this.agents = agents;
        this.conversations = conversations;
    }

    @ApplicationModuleListener
    void on(ProjectDeleted event) {
        memory.forgetProject(event.projectId());
        agents.forgetProject(event.projectId());
        conversations.unbindProject(event.projectId());
    }
}
