/**
 * The agents: who they are ({@link dev.nex7.agent.AgentRegistry}: the built-ins shipped as
 * definition files, agents plugins register and agents admins define, each switchable per project),
 * what was said ({@link dev.nex7.agent.Conversations}: a person's conversations and their messages,
 * tool calls, handoffs and consultations included) and what they remember about a project
 * ({@link dev.nex7.agent.ProjectMemory}). Turn orchestration (routing, handoff, consultation, tool
 * execution, summaries, streaming) builds on these three and calls the {@code llm} gateway.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Agent")
package dev.nex7.agent;
