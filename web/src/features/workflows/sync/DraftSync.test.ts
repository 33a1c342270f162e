import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApiClient } from '../../../api/client';
import { json, mockServer, problem } from '../../../test/fetchMock';
import { descriptor } from '../model/testCatalog';
import { WorkflowDoc, definitionToDoc } from '../model/workflowDoc';
import { RestDraftSync } from './DraftSync';

const api = createApiClient({ accessToken: () => 'token', refresh: async () => false, onUnauthorized: () => {} });
const saved = (revision: number) => new Response(JSON.stringify({ id: 'w1', draftRevision: revision }), {
  status: 200, headers: { 'Content-Type': 'application/json', ETag: `"${revision}"` },
});

describe('saving the draft over REST', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('saves once after edits settle, with If-Match, then with the new ETag', async () => {
    const server = mockServer({ 'PUT /api/workflows/w1/draft': [() => saved(2), () => saved(3)] });
    const model = new WorkflowDoc();
    definitionToDoc({ nodes: [], edges: [] }, model.doc);
    const sync = new RestDraftSync(api, 'w1', model.doc, '"1"', 500);
    sync.start();
    expect(sync.status().kind).toBe('saved'); // seeding is not an edit
    model.addNode(descriptor('set'), { x: 0, y: 0 });
    model.addNode(descriptor('set'), { x: 0, y: 0 });
    expect(sync.status().kind).toBe('pending');
    await vi.advanceTimersByTimeAsync(600);
    expect(server.calls('PUT /api/workflows/w1/draft')).toHaveLength(1);
    const first = server.calls('PUT /api/workflows/w1/draft')[0];
    expect(first?.headers.get('If-Match')).toBe('"1"');
    expect((await first?.json()).definition.nodes).toHaveLength(2);
    expect(sync.status().kind).toBe('saved');
    model.addNode(descriptor('set'), { x: 0, y: 0 });
    expect(await sync.flush()).toBe(true);
    expect(server.calls('PUT /api/workflows/w1/draft')[1]?.headers.get('If-Match')).toBe('"2"');
    sync.dispose();
  });

  it('stops saving and says so when the draft was changed elsewhere (412)', async () => {
    mockServer({ 'PUT /api/workflows/w1/draft': () => problem(412, 'Draft changed') });
    const model = new WorkflowDoc();
    const sync = new RestDraftSync(api, 'w1', model.doc, '"1"', 500);
    sync.start();
    model.addNode(descriptor('set'), { x: 0, y: 0 });
    expect(await sync.flush()).toBe(false);
    expect(sync.status()).toEqual({ kind: 'conflict', message: expect.stringMatching(/changed elsewhere — reload/) });
    model.addNode(descriptor('set'), { x: 0, y: 0 });
    expect(sync.status().kind).toBe('conflict');
    sync.dispose();
  });

  it('keeps the edit and reports an error the server gave', async () => {
    mockServer({ 'PUT /api/workflows/w1/draft': [() => problem(400, 'Invalid', { detail: 'Too big' }), () => json(200, {})] });
    const model = new WorkflowDoc();
    const sync = new RestDraftSync(api, 'w1', model.doc, '"1"', 500);
    sync.start();
    model.addNode(descriptor('set'), { x: 0, y: 0 });
    expect(await sync.flush()).toBe(false);
    expect(sync.status()).toEqual({ kind: 'error', message: 'Too big' });
    expect(await sync.flush()).toBe(true);
    sync.dispose();
  });
});
