/**
 * Projects and who may do what in them. Other modules reference a project by
 * {@link dev.nex7.project.ProjectId} and check a caller's rights through
 * {@link dev.nex7.project.ProjectAccess}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Project")
package dev.nex7.project;
