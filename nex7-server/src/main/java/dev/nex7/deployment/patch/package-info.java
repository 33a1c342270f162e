/**
 * The patch guard and checkouts: {@link dev.nex7.deployment.patch.Worktrees} clones a project's
 * repository at a commit (JGit), {@link dev.nex7.deployment.patch.UnifiedDiff} applies a fix's diff
 * to it all or nothing and only within {@link dev.nex7.deployment.patch.Worktree}'s bounds, and a
 * proven fix is committed and pushed from there.
 */
package dev.nex7.deployment.patch;
