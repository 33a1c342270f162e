import { session } from '../auth/session';
import { AGENTS } from '../chat/testChat';
import { alice, json } from '../../test/fetchMock';
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
