import { session } from '../auth/session';
import { AGENTS } from '../chat/testChat';
import { alice, json } from '../../test/fetchMock';
import type { ProjectRole, ProjectView } from '../../api/client';
import type { AgentView } from './aiApi';

/*
 * Test fixtures for the AI settings screens, shaped like the server's answers.
 */

export { AGENTS, alice };

export const admin = { ...alice, role: 'admin' } as const;

/** Routes that answer `GET /api/me` with `user`; spread into `mockServer` before `signIn`. */
export const me = (user: typeof alice | typeof admin = admin) => ({ 'GET /api/me': () => json(200, user) });

/** Makes `user` the signed-in user, as the app does on start (reads `GET /api/me`). */
export async function signIn(): Promise<void> {
  await session.loadUser();
}

export const TOOLS = ['workflows.list', 'workflows.run', 'executions.errors', 'repo.read'];

export const customAgent = (changes: Partial<AgentView> = {}): AgentView => ({
  id: 'reviewer', name: 'Reviewer', persona: 'Reviews pull requests.', systemPrompt: 'You review code.', tools: ['repo.read'],
  models: ['openai:gpt-4.1'], avatar: '🔍', color: '#0f766e', source: 'custom', handsOffTo: ['dev'], enabled: true, ...changes,
});

export const PROJECT_ID = 'b0000000-0000-4000-8000-000000000001';

export const projectView = (myRole: ProjectRole): ProjectView => ({
  id: PROJECT_ID, name: 'Storefront', type: 'web', status: 'active', myRole, createdAt: '2026-01-01T10:00:00Z', updatedAt: '2026-11-01T10:00:00Z',
});

export const ANTHROPIC_KEY_ID = 'e0000000-0000-4000-8000-000000000001';

export const projectStatus = {
  configured: true, chain: ['anthropic', 'openai', 'compatible'], howToConfigure: '',
  providers: [
    { name: 'anthropic', enabled: true, usable: true, keySource: 'instance', model: 'claude-sonnet-4-5', circuit: 'closed' },
    { name: 'openai', enabled: true, usable: false, keySource: 'none', model: 'gpt-4.1', circuit: 'closed', problem: 'No API key is set.' },
    { name: 'compatible', enabled: false, usable: false, keySource: 'none', circuit: 'closed' },
  ],
};

export const noProjectSettings = (projectId: string) => ({ projectId, chain: [], models: {}, credentials: {}, spentThisMonthUsd: 1.25 });

export const credentialPage = {
  items: [
    { id: ANTHROPIC_KEY_ID, kind: 'anthropic', name: 'Team Anthropic key', data: {}, secretFieldsSet: ['apiKey'], createdAt: '2026-11-01T10:00:00Z', createdBy: alice.id, updatedAt: '2026-11-01T10:00:00Z' },
    { id: 'e0000000-0000-4000-8000-000000000002', kind: 'github', name: 'GitHub bot', data: {}, secretFieldsSet: ['token'], createdAt: '2026-11-01T10:00:00Z', createdBy: alice.id, updatedAt: '2026-11-01T10:00:00Z' },
  ],
  page: 0, size: 100, totalItems: 2, totalPages: 1,
};

export const credentialKinds = [
  { id: 'anthropic', label: 'Anthropic', fields: [{ name: 'apiKey', label: 'API key', type: 'string', required: true, secret: true }] },
  { id: 'openai', label: 'OpenAI', fields: [{ name: 'apiKey', label: 'API key', type: 'string', required: true, secret: true }] },
  { id: 'github', label: 'GitHub', fields: [{ name: 'token', label: 'Token', type: 'string', required: true, secret: true }] },
];

export const projectUsage = (scope: 'project' | 'own') => ({
  from: '2026-11-01', to: '2026-11-25', groupBy: 'agent', scope,
  total: { calls: 4, inputTokens: 3000, outputTokens: 600, costUsd: 0.021 },
  groups: [{ key: 'dev', calls: 3, inputTokens: 2500, outputTokens: 500, costUsd: 0.018 }, { key: 'nexy', calls: 1, inputTokens: 500, outputTokens: 100, costUsd: 0.003 }],
});

/** What the project page's AI section reads, answered for a project with no settings of its own. */
export const aiSectionRoutes = (projectId: string, scope: 'project' | 'own' = 'project') => ({
  'GET /api/agents': () => json(200, AGENTS),
  [`GET /api/projects/${projectId}/llm`]: () => json(200, noProjectSettings(projectId)),
  'GET /api/llm/status': () => json(200, projectStatus),
  [`GET /api/projects/${projectId}/credentials`]: () => json(200, credentialPage),
  'GET /api/credential-kinds': () => json(200, credentialKinds),
  'GET /api/llm/usage': () => json(200, projectUsage(scope)),
});
