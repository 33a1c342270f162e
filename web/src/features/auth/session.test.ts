import { afterEach, describe, expect, it, vi } from 'vitest';
import { alice, json, mockServer, noContent, problem, tokens } from '../../test/fetchMock';
import { Session } from './session';

const emptyPage = { items: [], page: 0, size: 20, totalItems: 0, totalPages: 0 };

afterEach(() => {
  vi.useRealTimers();
});

async function signedIn(server: ReturnType<typeof mockServer>) {
  const session = new Session();
  await session.login(alice.email, 'correct horse battery staple');
  server.requests.length = 0;
  return session;
}

describe('auth session', () => {
  it('signs in with the cookie transport and keeps the access token out of web storage', async () => {
    document.cookie = 'XSRF-TOKEN=xsrf-1; path=/';
    const server = mockServer({
      'POST /api/auth/login': () => json(200, tokens('access-1')),
      'GET /api/me': () => json(200, alice),
    });
    const session = new Session();

    await session.login(alice.email, 'correct horse battery staple');

    const [login] = server.calls('POST /api/auth/login');
    expect(login?.headers.get('X-Refresh-Token-Transport')).toBe('cookie');
    expect(login?.credentials).toBe('same-origin');
    expect(server.calls('GET /api/me')[0]?.headers.get('Authorization')).toBe('Bearer access-1');
    expect(session.getState()).toEqual({ status: 'authenticated', user: alice });
    expect(JSON.stringify({ ...localStorage })).not.toContain('access-1');
    expect(JSON.stringify({ ...sessionStorage })).not.toContain('access-1');
  });

  it('shares one in-flight refresh between concurrent callers', async () => {
    document.cookie = 'XSRF-TOKEN=xsrf-abc; path=/';
    let release: (r: Response) => void = () => {};
    const server = mockServer({
      'POST /api/auth/refresh': () => new Promise<Response>((resolve) => (release = resolve)),
    });
    const session = new Session();

    const first = session.refresh();
    const second = session.refresh();
    release(json(200, tokens('access-2')));

    await expect(Promise.all([first, second])).resolves.toEqual([true, true]);
    const refreshes = server.calls('POST /api/auth/refresh');
    expect(refreshes).toHaveLength(1);
    expect(refreshes[0]?.headers.get('X-XSRF-TOKEN')).toBe('xsrf-abc');
    expect(refreshes[0]?.headers.get('X-Refresh-Token-Transport')).toBe('cookie');
    await expect(refreshes[0]?.json()).resolves.toEqual({});
    expect(session.accessToken()).toBe('access-2');
  });

  it('starts a new refresh once the previous one has finished', async () => {
    const server = mockServer({ 'POST /api/auth/refresh': [() => json(200, tokens('a')), () => json(200, tokens('b'))] });
    const session = new Session();
    await session.refresh();
    await session.refresh();
    expect(server.calls('POST /api/auth/refresh')).toHaveLength(2);
    expect(session.accessToken()).toBe('b');
  });

  it('refreshes silently 60 seconds before the access token expires', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const server = mockServer({
      'POST /api/auth/login': () => json(200, tokens('access-1', 900)),
      'GET /api/me': () => json(200, alice),
      'POST /api/auth/refresh': () => json(200, tokens('access-2', 900)),
    });
    const session = await signedIn(server);

    await vi.advanceTimersByTimeAsync(839_000);
    expect(server.calls('POST /api/auth/refresh')).toHaveLength(0);

    await vi.advanceTimersByTimeAsync(1_000);
    expect(server.calls('POST /api/auth/refresh')).toHaveLength(1);
    expect(session.accessToken()).toBe('access-2');

    // The new token is scheduled again.
    await vi.advanceTimersByTimeAsync(840_000);
    expect(server.calls('POST /api/auth/refresh')).toHaveLength(2);
  });

  it('stops the silent refresh after signing out', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const server = mockServer({
      'POST /api/auth/login': () => json(200, tokens('access-1', 900)),
      'GET /api/me': () => json(200, alice),
      'POST /api/auth/logout': () => noContent(),
      'POST /api/auth/refresh': () => json(200, tokens('never')),
    });
    const session = await signedIn(server);

    await session.logout();
    await vi.advanceTimersByTimeAsync(3_600_000);

    expect(server.calls('POST /api/auth/logout')[0]?.headers.get('X-Refresh-Token-Transport')).toBe('cookie');
    expect(server.calls('POST /api/auth/refresh')).toHaveLength(0);
    expect(session.getState().status).toBe('anonymous');
    expect(session.accessToken()).toBeNull();
  });

  it('answers a 401 with one refresh and retries the call with the new token', async () => {
    const server = mockServer({
      'POST /api/auth/login': () => json(200, tokens('stale')),
      'GET /api/me': () => json(200, alice),
      'POST /api/auth/refresh': () => json(200, tokens('fresh')),
      'GET /api/projects': (req) =>
        req.headers.get('Authorization') === 'Bearer fresh' ? json(200, emptyPage) : problem(401, 'Unauthorized'),
    });
    const session = await signedIn(server);

    const { data, response } = await session.api.GET('/api/projects', { params: { query: { page: 0 } } });

    expect(response.status).toBe(200);
    expect(data).toEqual(emptyPage);
    const attempts = server.calls('GET /api/projects');
    expect(attempts.map((r) => r.headers.get('Authorization'))).toEqual(['Bearer stale', 'Bearer fresh']);
    expect(server.calls('POST /api/auth/refresh')).toHaveLength(1);
  });

  it('retries a plain fetch (a streamed POST) after a 401 with the new token and the same body', async () => {
    const server = mockServer({
      'POST /api/auth/login': () => json(200, tokens('stale')),
      'GET /api/me': () => json(200, alice),
      'POST /api/auth/refresh': () => json(200, tokens('fresh')),
      'POST /api/conversations/c1/messages': (req) =>
        req.headers.get('Authorization') === 'Bearer fresh' ? json(200, {}) : problem(401, 'Unauthorized'),
    });
    const session = await signedIn(server);

    const response = await session.fetch(new Request(`${location.origin}/api/conversations/c1/messages`, { method: 'POST', body: '{"text":"hi"}' }));

    expect(response.status).toBe(200);
    const attempts = server.calls('POST /api/conversations/c1/messages');
    expect(attempts.map((r) => r.headers.get('Authorization'))).toEqual(['Bearer stale', 'Bearer fresh']);
    await expect(attempts[1]?.text()).resolves.toBe('{"text":"hi"}');
  });

  it('uses a single refresh when several calls get 401 at the same time', async () => {
    const server = mockServer({
      'GET /api/me': (req) => (req.headers.get('Authorization') === 'Bearer fresh' ? json(200, alice) : problem(401, 'Unauthorized')),
      'POST /api/auth/refresh': () => json(200, tokens('fresh')),
      'GET /api/projects': (req) =>
        req.headers.get('Authorization') === 'Bearer fresh' ? json(200, emptyPage) : problem(401, 'Unauthorized'),
    });
    const session = new Session(); // no access token yet: every call is answered 401 first

    const results = await Promise.all([session.api.GET('/api/projects'), session.api.GET('/api/me'), session.api.GET('/api/projects')]);

    expect(results.map((r) => r.response.status)).toEqual([200, 200, 200]);
    expect(server.calls('POST /api/auth/refresh')).toHaveLength(1);
  });

  it('signs the user out when the refresh after a 401 fails', async () => {
    const server = mockServer({
      'POST /api/auth/login': () => json(200, tokens('stale')),
      'GET /api/me': [() => json(200, alice), () => problem(401, 'Unauthorized')],
      'POST /api/auth/refresh': () => problem(401, 'Unauthorized', { detail: 'Refresh token reused' }),
      'GET /api/projects': () => problem(401, 'Unauthorized'),
    });
    const session = await signedIn(server);
    const listener = vi.fn();
    session.subscribe(listener);

    const { error, response } = await session.api.GET('/api/projects');

    expect(response.status).toBe(401);
    expect(error).toMatchObject({ title: 'Unauthorized' });
    expect(server.calls('GET /api/projects')).toHaveLength(1);
    expect(session.getState()).toEqual({ status: 'anonymous', user: null });
    expect(session.accessToken()).toBeNull();
    expect(listener).toHaveBeenCalled();
  });

  it('restores the session on page load from the refresh cookie', async () => {
    mockServer({
      'POST /api/auth/refresh': () => json(200, tokens('restored')),
      'GET /api/me': (req) => (req.headers.get('Authorization') === 'Bearer restored' ? json(200, alice) : problem(401, 'Unauthorized')),
    });
    const session = new Session();
    expect(session.getState().status).toBe('loading');

    await session.restore();

    expect(session.getState()).toEqual({ status: 'authenticated', user: alice });
  });

  it('ends up signed out on page load when there is no valid refresh cookie', async () => {
    mockServer({ 'POST /api/auth/refresh': () => problem(401, 'Unauthorized') });
    const session = new Session();

    await session.restore();

    expect(session.getState().status).toBe('anonymous');
  });

  it('treats an unreachable server during refresh as signed out', async () => {
    vi.spyOn(globalThis, 'fetch').mockRejectedValue(new TypeError('Failed to fetch'));
    const session = new Session();

    await expect(session.refresh()).resolves.toBe(false);
    expect(session.getState().status).toBe('anonymous');
  });
});
