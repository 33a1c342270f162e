package dev.nex7.agent;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.nex7.agent.persistence.Facts;
import dev.nex7.identity.UserId;
import dev.nex7.platform.InvalidRequest;
import dev.nex7.project.ProjectAccess;
import dev.nex7.project.ProjectId;
import dev.nex7.project.ProjectRole;

/**
 * What the agents remember about a project: facts its members can read (viewers), add, edit and
 * delete (editors), and that agents add during a conversation on the person's behalf.
 */
@Service
public class ProjectMemory {

    /** The longest fact, in characters: a fact is a sentence or two, not a document. */
    public static final int MAX_FACT_LENGTH = 1000;

    private final Facts facts;
    private final ProjectAccess access;
    private final AgentSettings settings;
    private final Clock clock;

    ProjectMemory(Facts facts, ProjectAccess access, AgentSettings settings, Clock clock) {
        this.facts = facts;
        this.access = access;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * The project's facts, oldest first, for the orchestration to put in an agent's context. It does
     * not check access: the orchestration answers in a conversation bound to the project and has
     * checked that the person is a member.
     */
    public List<MemoryFact> facts(ProjectId project) {
        return facts.of(project);
    }

    /**
     * An agent remembers a fact during a conversation of {@code user}, who must be able to edit the
     * project: an agent writes nothing its user could not.
     *
     * @throws InvalidRequest when the text is empty or too long
     * @throws ProjectMemoryFull when the project holds {@code nex7.agent.facts-per-project} facts
     */
    @Transactional
    public MemoryFact remember(ProjectId project, String text, String agentId, UserId user) {
        access.require(project, user, ProjectRole.EDITOR);
        return add(project, text, agentId == null ? FactSource.USER : FactSource.AGENT, agentId, user);
    }

    /** The project's facts, for a member (viewer or more). */
    public List<MemoryFact> list(ProjectId project, UserId user) {
        access.require(project, user, ProjectRole.VIEWER);
        return facts.of(project);
    }

    /** A member (editor or more) adds a fact. */
    @Transactional
    public MemoryFact add(ProjectId project, UserId user, String text) {
        access.require(project, user, ProjectRole.EDITOR);
        return add(project, text, FactSource.USER, null, user);
    }

    /** A member (editor or more) rewrites a fact; who or what first remembered it stays recorded. */
    @Transactional
    public MemoryFact change(ProjectId project, FactId id, UserId user, String text) {
        access.require(project, user, ProjectRole.EDITOR);
        String checked = checked(text);
        if (!facts.changeText(project, id, checked, now())) {
            throw new MemoryFactNotFound();
        }
        return facts.find(project, id).orElseThrow(MemoryFactNotFound::new);
    }

    /** A member (editor or more) deletes a fact. */
    @Transactional
    public void forget(ProjectId project, FactId id, UserId user) {
        access.require(project, user, ProjectRole.EDITOR);
        if (!facts.delete(project, id)) {
            throw new MemoryFactNotFound();
        }
    }

    /** Forgets everything about a project that is gone. */
    void forgetProject(ProjectId project) {
        facts.deleteProject(project);
    }

    private MemoryFact add(ProjectId project, String text, FactSource source, String agentId, UserId user) {
        String checked = checked(text);
        // Counted, then inserted: two adds at the same moment may pass the bound by one. It keeps a
        // runaway agent from filling the table; it is not a quota anyone pays for.
        if (facts.count(project) >= settings.factsPerProject()) {
            throw new ProjectMemoryFull(settings.factsPerProject());
        }
        Instant now = now();
        MemoryFact fact = new MemoryFact(FactId.random(), project, checked, source, agentId, user, now, now);
        facts.insert(fact);
        return fact;
    }

    private static String checked(String text) {
        String stripped = text == null ? "" : text.strip();
        if (stripped.isEmpty() || stripped.length() > MAX_FACT_LENGTH) {
            throw new InvalidRequest("text", "must be 1 to " + MAX_FACT_LENGTH + " characters");
        }
        return stripped;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
