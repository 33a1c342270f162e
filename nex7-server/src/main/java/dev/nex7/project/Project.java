package dev.nex7.project;

import java.time.Instant;

import dev.nex7.identity.UserId;

/** A project as stored. */
public record Project(ProjectId id, String name, String description, ProjectType type, ProjectStatus status,
        String repositoryUrl, String deploymentUrl, UserId createdBy, Instant createdAt, Instant updatedAt) {
}
