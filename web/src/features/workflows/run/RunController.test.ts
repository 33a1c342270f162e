import { describe, expect, it } from 'vitest';
import { createApiClient } from '../../../api/client';
import { json, mockServer, problem } from '../../../test/fetchMock';
import { EditorStore } from '../editorStore';
import { RunController, statusesOf } from './RunController';

const api = createApiClient({ accessToken: () => 'token', refresh: async () => false, onUnauthorized: () => {} });
const auth = { token: () => 'token', refresh: async () => false };

function eventStream(...events: Array<[string, unknown]>): Response {
  const text = events.map(([name, data]) => `event:${name}\ndata:${JSON.stringify(data)}\n\n`).join('');
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(text));
      controller.close();
    },
  });
  return new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
}

const detail = (status: 'succeeded' | 'failed') => ({
  execution: { id: 'e1', status, durationMillis: 12 },
  nodes: [
    { nodeId: 'hook', status: 'succeeded', durationMillis: 1, output: { main: { name: 'Ada' } } },
    { nodeId: 'shape', status, durationMillis: 5, output: { main: { greeting: 'Hello Ada' } } },
  ],
});

describe('running from the editor', () => {
  it('sends input and pinned outputs, follows the live events with the bearer token, then reads the detail', async () => {
    const server = mockServer({
      'POST /api/workflows/w1/executions': () => json(202, { id: 'e1', status: 'queued' }),
      'GET /api/executions/e1/events': () =>
        eventStream(
          ['snapshot', { execution: { id: 'e1', status: 'running' }, nodes: [{ nodeId: 'hook', status: 'running' }] }],
          ['node', { type: 'node', nodeId: 'hook', status: 'succeeded', durationMillis: 1 }],
          ['execution', { type: 'execution', status: 'succeeded' }],
        ),
      'GET /api/executions/e1': () => json(200, detail('succeeded')),
    });
    const store = new EditorStore();
    const seen: string[] = [];
    store.subscribe(() => seen.push(store.get().statuses.hook?.status ?? '-'));
    store.update({ pinned: { shape: { greeting: 'pinned' } } });
    await new RunController(api, store, 'w1', auth).run({ name: 'Ada' });

    await expect(server.calls('POST /api/workflows/w1/executions')[0]?.json()).resolves.toEqual({
      input: { name: 'Ada' },
      pinned: { shape: { greeting: 'pinned' } },
    });
    expect(server.calls('GET /api/executions/e1/events')[0]?.headers.get('Authorization')).toBe('Bearer token');
    expect(seen).toContain('running');
    const state = store.get();
    expect(state.run.phase).toBe('finished');
    expect(state.statuses).toEqual({ hook: { status: 'succeeded', durationMillis: 1 }, shape: { status: 'succeeded', durationMillis: 5 } });
    expect(store.nodeRun('shape')?.output).toEqual({ main: { greeting: 'Hello Ada' } });
    expect(store.overlay('shape')).toMatchObject({ status: 'succeeded', pinned: true });
  });

  it('retries a failed execution and re-runs from a chosen node', async () => {
    const server = mockServer({
      'POST /api/workflows/w1/executions': () => json(202, { id: 'e1', status: 'queued' }),
      'GET /api/executions/e1/events': () => eventStream(['execution', { type: 'execution', status: 'failed' }]),
      'GET /api/executions/e1': () => json(200, detail('failed')),
      'POST /api/executions/e1/retry': () => json(202, { id: 'e1', status: 'queued' }),
      'POST /api/executions/e1/rerun': () => json(202, { id: 'e1', status: 'queued' }),
    });
    const store = new EditorStore();
    const runs = new RunController(api, store, 'w1', auth);
    await runs.run(undefined);
    await expect(server.calls('POST /api/workflows/w1/executions')[0]?.json()).resolves.toEqual({});
    await runs.retry();
    await runs.rerun('shape');
    expect(server.calls('POST /api/executions/e1/retry')).toHaveLength(1);
    expect(new URL(server.calls('POST /api/executions/e1/rerun')[0]?.url ?? '').searchParams.get('fromNode')).toBe('shape');
  });

  it('shows why the server refused to run', async () => {
    mockServer({
      'POST /api/workflows/w1/executions': () =>
        problem(400, 'Invalid workflow', { detail: 'The workflow is not valid.', problems: [{ code: 'no-trigger', message: 'Add a trigger.', pointer: '/nodes', severity: 'error' }] }),
    });
    const store = new EditorStore();
    await new RunController(api, store, 'w1', auth).run(undefined);
    expect(store.get().run).toEqual({ phase: 'error', message: 'The workflow is not valid. Add a trigger.' });
  });
});

describe('node statuses of a recorded execution', () => {
  it('leave out the duration of a node that has not finished (null on the wire)', () => {
    const statuses = statusesOf([
      { nodeId: 'hook', status: 'succeeded', durationMillis: 11 },
      { nodeId: 'ask', status: 'waiting', durationMillis: null as unknown as number },
    ]);
    expect(statuses).toEqual({ hook: { status: 'succeeded', durationMillis: 11 }, ask: { status: 'waiting' } });
  });
});
