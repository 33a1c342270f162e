import { json, problem } from '../../test/fetchMock';
import type { ProjectRole, ProjectView } from '../../api/client';
import type { Deployment, DeploymentLog, LocalTarget, RecoveryAttempt, RecoveryCalibration, RecoveryPolicy } from './deploymentsApi';

/*
 * Test fixtures for the deployment screens, shaped like the server's answers.
 */

export const PROJECT_ID = 'd0000000-0000-4000-8000-000000000001';
export const PROJECT = `/api/projects/${PROJECT_ID}`;

export const projectView = (myRole: ProjectRole): ProjectView => ({
  id: PROJECT_ID, name: 'Storefront', type: 'web', status: 'active', myRole, createdAt: '2026-01-01T10:00:00Z', updatedAt: '2026-11-01T10:00:00Z',
});

/** The `n`th deployment back from the newest (one minute apart), failed unless told otherwise. */
export const deployment = (n: number, changes: Partial<Deployment> = {}): Deployment => ({
  id: `de000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  projectId: PROJECT_ID,
  target: 'local',
  status: 'ready',
  trigger: 'push',
  environment: 'production',
  commitSha: `${String(n).padStart(4, '0')}abcdef0123456789abcdef0123456789abcd`,
  commitMessage: `Change number ${n}\n\nWith a body that lists stay out of.`,
  branch: 'main',
  createdAt: new Date(Date.UTC(2026, 10, 25, 12, 0, 0) - n * 60_000).toISOString(),
  startedAt: new Date(Date.UTC(2026, 10, 25, 12, 0, 1) - n * 60_000).toISOString(),
  finishedAt: new Date(Date.UTC(2026, 10, 25, 12, 0, 43) - n * 60_000).toISOString(),
  durationMillis: 42_000,
  ...changes,
});

export const LOG_TEXT = [
  '> shop@1.0.0 build',
  '> tsc -p . && vite build',
  '',
  "src/cart.ts(3,22): error TS2307: Cannot find module 'left-pad' or its corresponding type declarations.",
  "src/cart.ts(9,5): error TS2322: Type 'string' is not assignable to type 'number'.",
  'Found 2 errors in the same file, starting at: src/cart.ts:3',
].join('\n');

export const LOG: DeploymentLog = {
  text: LOG_TEXT,
  status: 'error',
  cursor: `0.${LOG_TEXT.length}`,
  reset: false,
  findings: [
    { category: 'module-not-found', tool: 'tsc', file: 'src/cart.ts', line: 3, column: 22, subject: 'left-pad', message: "Cannot find module 'left-pad'", root: true, fixStrategy: 'add-dependency', severity: 'error', logLine: 4 },
    { category: 'type-error', tool: 'tsc', file: 'src/cart.ts', line: 9, column: 5, subject: 'TS2322', message: "Type 'string' is not assignable to type 'number'.", root: false, fixStrategy: 'fix-type', severity: 'error', logLine: 5 },
  ],
};

export const DIFF = [
  'diff --git a/package.json b/package.json',
  '--- a/package.json',
  '+++ b/package.json',
  '@@ -5,3 +5,4 @@',
  '   "dependencies": {',
  '-    "react": "^19.0.0"',
  '+    "react": "^19.0.0",',
  '+    "left-pad": "^1.3.0"',
  '   }',
].join('\n');

export const provenAttempt = (changes: Partial<RecoveryAttempt> = {}): RecoveryAttempt => ({
  id: 'a0000000-0000-4000-8000-000000000001',
  strategy: 'add-dependency',
  source: 'rule',
  confidence: 0.92,
  rationale: "src/cart.ts imports left-pad, which package.json does not declare; npm has it at 1.3.0.",
  finding: LOG.findings[0],
  status: 'proven',
  diff: DIFF,
  buildOutput: '> tsc -p . && vite build\n✓ built in 1.2s',
  buildMillis: 12_400,
  proofMillis: 15_100,
  branch: 'nex7/fix-add-dependency-left-pad',
  commitSha: 'f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1',
  pullRequestUrl: 'https://github.com/acme/shop/pull/12',
  pullRequestNumber: 12,
  merged: false,
  redeploymentId: deployment(0).id,
  createdAt: '2026-11-25T12:01:00Z',
  finishedAt: '2026-11-25T12:01:16Z',
  ...changes,
});

export const POLICY: RecoveryPolicy = { enabled: true, threshold: 0.8, modelFixes: false, autoRollback: false, maxAttempts: 3 };

export const CALIBRATION: RecoveryCalibration[] = [
  { strategy: 'add-dependency', tried: 10, proven: 9, merged: 7, skipped: 1, meanConfidence: 0.91, provenRate: 0.9, mergedRate: 0.7 },
  { strategy: 'model-patch', tried: 0, proven: 0, merged: 0, skipped: 4, meanConfidence: 0.55 },
];

export const LOCAL_TARGET: LocalTarget = {
  repository: '/srv/git/shop', branch: 'main', installCommand: 'npm ci', buildCommand: 'npm run build', watch: true, lastSeenSha: '0123456789abcdef0123456789abcdef01234567', linkedAt: '2026-11-20T09:00:00Z',
};

/** What the project page's deployment sections read, answered for a project without a local target. */
export const deploymentSectionRoutes = (projectId: string) => ({
  [`GET /api/projects/${projectId}/local-target`]: () => problem(404, 'No local target linked', { type: 'https://nex7.dev/problems/local-target-not-linked' }),
  [`GET /api/projects/${projectId}/recovery-policy`]: () => json(200, POLICY),
  [`GET /api/projects/${projectId}/recovery/calibration`]: () => json(200, []),
});
