import type { BadgeTone } from '../../ui/Badge';
import type { Option } from '../../ui/fields';
import type { Deployment, DeploymentStatus, DeploymentTrigger, RecoveryAttempt, RecoveryStatus } from './deploymentsApi';

/** A status as a badge shows it: words first (colour alone says nothing to some readers), then a tone. */
export interface StatusLook {
  label: string;
  tone: BadgeTone;
}

export const DEPLOYMENT_STATUS: Record<DeploymentStatus, StatusLook> = {
  queued: { label: 'Queued', tone: 'neutral' },
  building: { label: 'Building', tone: 'indigo' },
  ready: { label: 'Ready', tone: 'green' },
  error: { label: 'Failed', tone: 'red' },
  canceled: { label: 'Canceled', tone: 'amber' },
};

export const STATUS_FILTER: ReadonlyArray<Option<DeploymentStatus>> = (Object.keys(DEPLOYMENT_STATUS) as DeploymentStatus[]).map((value) => ({
  value,
  label: DEPLOYMENT_STATUS[value].label,
}));

export const isDeploymentStatus = (value: string | null): value is DeploymentStatus => value !== null && value in DEPLOYMENT_STATUS;

export const TRIGGER_LABEL: Record<DeploymentTrigger, string> = {
  push: 'Push',
  manual: 'Manual',
  fix: 'Proven fix',
  rollback: 'Rollback',
  redeploy: 'Redeploy',
  webhook: 'Webhook',
  poll: 'Found by polling',
  reconcile: 'Caught up',
};

/** The words for a trigger; one the server adds later shows as itself. */
export const triggerLabel = (trigger: string): string =>
  trigger in TRIGGER_LABEL ? TRIGGER_LABEL[trigger as DeploymentTrigger] : trigger;

export const RECOVERY_STATUS: Record<RecoveryStatus, StatusLook> = {
  skipped: { label: 'Skipped', tone: 'neutral' },
  'needs-input': { label: 'Needs input', tone: 'amber' },
  proving: { label: 'Proving', tone: 'indigo' },
  proven: { label: 'Proven', tone: 'green' },
  failed: { label: 'Failed', tone: 'red' },
  rejected: { label: 'Rejected', tone: 'red' },
};

/** Queued or building: it will change soon, so whoever shows it should look again. */
export const inProgress = (deployment: Pick<Deployment, 'status'>): boolean => deployment.status === 'queued' || deployment.status === 'building';

export const isProving = (attempt: Pick<RecoveryAttempt, 'status'>): boolean => attempt.status === 'proving';

/** The first seven characters, as git shows a commit. */
export const shortSha = (sha: string | undefined): string | undefined => sha?.slice(0, 7);

/** 0.8 → `80%`. */
export const percent = (fraction: number | undefined): string => (fraction === undefined ? '—' : `${Math.round(fraction * 100)}%`);

/** The first line of a commit message: the rest is detail a list has no room for. */
export const subjectOf = (message: string | undefined): string | undefined => message?.split('\n', 1)[0];

export const TARGET_LABEL: Record<Deployment['target'], string> = { local: 'Local', vercel: 'Vercel' };

export const ENVIRONMENT_LABEL: Record<Deployment['environment'], string> = { production: 'Production', preview: 'Preview' };
