package dev.nex7.project;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.nex7.identity.UserDirectory;
import dev.nex7.identity.UserId;
import dev.nex7.identity.UserSummary;
import dev.nex7.platform.ApiProblem;
import dev.nex7.project.ProjectEvents.MemberAdded;
import dev.nex7.project.ProjectEvents.MemberRemoved;
import dev.nex7.project.ProjectEvents.MemberRoleChanged;
import dev.nex7.project.persistence.ProjectMembers;
import dev.nex7.project.persistence.ProjectMembers.Member;
import dev.nex7.project.persistence.Projects;

/**
 * Who belongs to a project. Any member sees the members; owners add, change and remove them; any
 * member may leave. A project always keeps at least one owner: membership changes lock the
 * project row, so two owners cannot demote each other at the same moment.
 */
@Service
public class ProjectMembership {

    private final Projects projects;
    private final ProjectMembers members;
    private final ProjectAccess access;
    private final UserDirectory users;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ProjectMembership(Projects projects, ProjectMembers members, ProjectAccess access, UserDirectory users,
            ApplicationEventPublisher events, Clock clock) {
        this.projects = projects;
        this.members = members;
        this.access = access;
        this.users = users;
        this.events = events;
        this.clock = clock;
    }

    /** A member with what the API shows of the account. */
    public record MemberDetails(UserId userId, String email, String name, ProjectRole role, Instant addedAt) {
    }

    public List<MemberDetails> list(ProjectId project, UserId caller) {
        access.require(project, caller, ProjectRole.VIEWER);
        return membersOf(project);
    }

    /**
     * Every member of the project with their account, oldest member first, for work that happens
     * without a caller (telling the members about a deployment, say); empty for a project that does
     * not exist. What it returns must only be shown to members of the project.
     */
    public List<MemberDetails> membersOf(ProjectId project) {
        List<Member> all = members.all(project);
        Map<UserId, UserSummary> accounts = users.findAll(all.stream().map(Member::userId).toList());
        return all.stream().filter(m -> accounts.containsKey(m.userId())).map(m -> details(m, accounts.get(m.userId())))
                .toList();
    }

    @Transactional
    public MemberDetails add(ProjectId project, UserId caller, String email, ProjectRole role) {
        lockAndRequire(project, caller, ProjectRole.OWNER);
        UserSummary account = users.findByEmail(email == null ? "" : email).orElseThrow(NoSuchAccount::new);
        if (members.roleOf(project, account.id()).isPresent()) {
            throw new AlreadyMember();
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        members.add(project, account.id(), role, now);
        events.publishEvent(new MemberAdded(project, account.id(), role));
        return details(new Member(account.id(), role, now), account);
    }

    @Transactional
    public MemberDetails changeRole(ProjectId project, UserId caller, UserId target, ProjectRole role) {
        lockAndRequire(project, caller, ProjectRole.OWNER);
        Member member = members.find(project, target).orElseThrow(MemberNotFound::new);
        if (member.role() == ProjectRole.OWNER && role != ProjectRole.OWNER && members.countOwners(project) <= 1) {
            throw new LastOwner();
        }
        if (member.role() != role) {
            members.changeRole(project, target, role);
            events.publishEvent(new MemberRoleChanged(project, target, role));
        }
        UserSummary account = users.find(target).orElseThrow(MemberNotFound::new);
        return details(new Member(target, role, member.addedAt()), account);
    }

    @Transactional
    public void remove(ProjectId project, UserId caller, UserId target) {
        lockAndRequire(project, caller, caller.equals(target) ? ProjectRole.VIEWER : ProjectRole.OWNER);
        Member member = members.find(project, target).orElseThrow(MemberNotFound::new);
        if (member.role() == ProjectRole.OWNER && members.countOwners(project) <= 1) {
            throw new LastOwner();
        }
        members.remove(project, target);
        events.publishEvent(new MemberRemoved(project, target));
    }

    private void lockAndRequire(ProjectId project, UserId caller, ProjectRole needed) {
        access.require(project, caller, ProjectRole.VIEWER);
        projects.lock(project);
        access.require(project, caller, needed);
    }

    private static MemberDetails details(Member member, UserSummary account) {
        return new MemberDetails(member.userId(), account.email(), account.name(), member.role(), member.addedAt());
    }

    /** The email given for a new member belongs to no account. */
    public static final class NoSuchAccount extends ApiProblem {
        NoSuchAccount() {
            super(HttpStatus.NOT_FOUND, "account-not-found", "No such account",
                    "No NEX7 account has this email address; ask them to sign up first.");
        }
    }

    public static final class AlreadyMember extends ApiProblem {
        AlreadyMember() {
            super(HttpStatus.CONFLICT, "already-member", "Already a member", "This person is already a member of the project.");
        }
    }

    public static final class MemberNotFound extends ApiProblem {
        MemberNotFound() {
            super(HttpStatus.NOT_FOUND, "member-not-found", "Member not found", "This person is not a member of the project.");
        }
    }

    public static final class LastOwner extends ApiProblem {
        LastOwner() {
            super(HttpStatus.CONFLICT, "last-owner", "A project needs an owner",
                    "The last owner cannot leave or be demoted; make someone else an owner first.");
        }
    }
}
