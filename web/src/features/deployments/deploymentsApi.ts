import type { Problem, Schemas } from '../../api/client';
import { ProblemError, toProblem } from '../../api/problem';
import { session } from '../auth/session';
import type { LogFinding } from './logsApi';

/*
 * The wire contract of deployments, recovery and the local target: the types are the OpenAPI
 * schemas (generated from the server); the unions below narrow the strings the server documents.
 */

export type DeploymentStatus = 'queued' | 'building' | 'ready' | 'error' | 'canceled';
export type DeploymentTarget = 'local' | 'vercel';
export type DeploymentTrigger = 'push' | 'manual' | 'fix' | 'rollback' | 'redeploy' | 'webhook' | 'poll' | 'reconcile';
export type DeploymentEnvironment = 'production' | 'preview';

/** One build and release of a project, newest first in a timeline. */
export type Deployment = Schemas['Deployment'];

/**
 * A deployment's build log and what the analyzers read in it (`logLine` counts lines of `text`, from 1),
 * with the deployment's status and the cursor to follow a running build's log with.
 */
export type DeploymentLog = Schemas['DeploymentLog'];

/** The rule (or `model-patch`) a recovery attempt applied. */
export type RecoveryStrategy = NonNullable<LogFinding['fixStrategy']> | 'model-patch';
export type RecoveryStatus = 'skipped' | 'needs-input' | 'proving' | 'proven' | 'failed' | 'rejected';

/** One fix tried for a failed deployment: the patch, the build that proved (or refuted) it, and where it went. */
export type RecoveryAttempt = Schemas['RecoveryAttempt'];

/** How a project recovers from failed deployments (members read it, owners change it). */
export type RecoveryPolicy = Schemas['RecoveryPolicy'];

/** How a strategy's fixes fared in this project: what its confidence is worth. */
export type RecoveryCalibration = Schemas['RecoveryCalibration'];

export type LocalTargetRequest = Schemas['LocalTargetRequest'];

/** A git repository on (or reachable from) the server that NEX7 builds itself. */
export type LocalTarget = Schemas['LocalTarget'];

/** What testing a local target found at the head of its branch. */
export type LocalTargetCheck = Schemas['LocalTargetCheck'];

/** Whether the project has a local target, and if not, whether it may have one. */
export type LocalTargetState =
  | { kind: 'linked'; target: LocalTarget }
  | { kind: 'unlinked' }
  | { kind: 'disabled'; problem: Problem };

/** Deployments a timeline asks for at a time (the server's default and maximum). */
export const PAGE_SIZE = 50;

const PROBLEM_BASE = 'https://nex7.dev/problems/';

/** Whether a Problem is of the NEX7 problem type `slug` (`deployment-not-failed`, …). */
export const isProblemType = (problem: Problem | null | undefined, slug: string): boolean => problem?.type === PROBLEM_BASE + slug;

type Query = Record<string, string | number | undefined>;

function address(path: string, query: Query = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') search.set(key, String(value));
  const encoded = search.toString();
  return `${globalThis.location?.origin ?? ''}${path}${encoded ? `?${encoded}` : ''}`;
}

/**
 * One request with the session's bearer token; a refusal is thrown as a ProblemError. The answer is
 * taken as the contract above says it is (the typed client will check this at compile time).
 */
async function call<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, options: { query?: Query; body?: unknown } = {}): Promise<T> {
  const hasBody = options.body !== undefined;
  const response = await session.fetch(
    new Request(address(path, options.query), {
      method,
      headers: hasBody ? { Accept: 'application/json', 'Content-Type': 'application/json' } : { Accept: 'application/json' },
      body: hasBody ? JSON.stringify(options.body) : undefined,
      credentials: 'same-origin',
    }),
  );
  const text = await response.text();
  let payload: unknown;
  try {
    payload = text ? JSON.parse(text) : undefined;
  } catch {
    payload = undefined;
  }
  if (!response.ok) throw new ProblemError(toProblem(payload, response));
  return payload as T;
}

const project = (projectId: string) => `/api/projects/${encodeURIComponent(projectId)}`;
const deployment = (deploymentId: string) => `/api/deployments/${encodeURIComponent(deploymentId)}`;

/** A page of the project's deployments, newest first, created before `before` when given. */
export const listDeployments = (projectId: string, query: { status?: DeploymentStatus; before?: string; limit?: number }) =>
  call<Deployment[]>('GET', `${project(projectId)}/deployments`, { query: { limit: PAGE_SIZE, ...query } });

/** Deploys the local target (its branch head, or `commitSha`); the deployment starts queued. */
export const deployNow = (projectId: string, commitSha?: string) => call<Deployment>('POST', `${project(projectId)}/deployments`, { body: commitSha ? { commitSha } : {} });

export const getDeployment = (deploymentId: string) => call<Deployment>('GET', deployment(deploymentId));

export const getDeploymentLog = (deploymentId: string) => call<DeploymentLog>('GET', `${deployment(deploymentId)}/log`);

/** What the log gained since `after` (an earlier read's cursor), or all of it again when the answer says `reset`. */
export const followDeploymentLog = (deploymentId: string, after: string) =>
  call<DeploymentLog>('GET', `${deployment(deploymentId)}/log`, { query: { after } });

/** The recovery attempts for a deployment, oldest first. */
export const listRecoveryAttempts = (deploymentId: string) => call<RecoveryAttempt[]>('GET', `${deployment(deploymentId)}/recovery`);

/** Starts recovery again for a failed deployment (409 `deployment-not-failed` otherwise). */
export const retryRecovery = (deploymentId: string) => call<void>('POST', `${deployment(deploymentId)}/recovery`);

/** Redeploys the last good deployment before this one (409 `nothing-to-restore` or `rollback-unsupported`). */
export const rollBack = (deploymentId: string) => call<Deployment>('POST', `${deployment(deploymentId)}/rollback`);

export const getRecoveryPolicy = (projectId: string) => call<RecoveryPolicy>('GET', `${project(projectId)}/recovery-policy`);

export const saveRecoveryPolicy = (projectId: string, policy: RecoveryPolicy) => call<RecoveryPolicy>('PUT', `${project(projectId)}/recovery-policy`, { body: policy });

export const getRecoveryCalibration = (projectId: string) => call<RecoveryCalibration[]>('GET', `${project(projectId)}/recovery/calibration`);

/** The project's local target; a 404 means none is linked, a 403 `local-targets-disabled` that this server allows none. */
export async function getLocalTarget(projectId: string): Promise<LocalTargetState> {
  try {
    return { kind: 'linked', target: await call<LocalTarget>('GET', `${project(projectId)}/local-target`) };
  } catch (error) {
    if (error instanceof ProblemError && error.problem.status === 404) return { kind: 'unlinked' };
    if (error instanceof ProblemError && isProblemType(error.problem, 'local-targets-disabled')) return { kind: 'disabled', problem: error.problem };
    throw error;
  }
}

export const saveLocalTarget = (projectId: string, body: LocalTargetRequest) => call<LocalTarget>('PUT', `${project(projectId)}/local-target`, { body });

export const unlinkLocalTarget = (projectId: string) => call<void>('DELETE', `${project(projectId)}/local-target`);

export const testLocalTarget = (projectId: string) => call<LocalTargetCheck>('POST', `${project(projectId)}/local-target/test`);

/** An environment variable of the local target: its name only, never its value. */
export type TargetEnvironmentVariable = Schemas['TargetEnvironmentVariable'];

const environment = (projectId: string) => `${project(projectId)}/local-target/environment`;

/** The names of the local target's environment variables (editors). */
export const listTargetEnvironment = (projectId: string) => call<TargetEnvironmentVariable[]>('GET', environment(projectId));

/** Sets or replaces a variable; the value is stored sealed and never comes back. */
export const setTargetEnvironmentVariable = (projectId: string, name: string, value: string) =>
  call<TargetEnvironmentVariable>('PUT', `${environment(projectId)}/${encodeURIComponent(name)}`, { body: { value } });

export const deleteTargetEnvironmentVariable = (projectId: string, name: string) => call<void>('DELETE', `${environment(projectId)}/${encodeURIComponent(name)}`);
