import { vi } from 'vitest';

export type Handler = (request: Request) => Response | Promise<Response>;

export function json(status: number, body: unknown, contentType = 'application/json'): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': contentType } });
}

export function problem(status: number, title: string, extra: Record<string, unknown> = {}): Response {
  return json(status, { type: 'about:blank', title, status, ...extra }, 'application/problem+json');
}

export function noContent(): Response {
  return new Response(null, { status: 204 });
}

/**
 * Replaces the server boundary (global fetch). Handlers are matched by "METHOD /path"; each
 * entry may be a list, answered in order (the last one repeats). Every request is recorded.
 */
export function mockServer(routes: Record<string, Handler | Handler[]>) {
  const requests: Request[] = [];
  const counters = new Map<string, number>();
  const spy = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    requests.push(request.clone());
    const key = `${request.method} ${new URL(request.url).pathname}`;
    const entry = routes[key];
    if (!entry) throw new Error(`Unexpected request: ${key}`);
    const handlers = Array.isArray(entry) ? entry : [entry];
    const n = counters.get(key) ?? 0;
    counters.set(key, n + 1);
    const handler = handlers[Math.min(n, handlers.length - 1)];
    if (!handler) throw new Error(`No handler for ${key}`);
    return handler(request);
  });
  const calls = (key: string) => requests.filter((r) => `${r.method} ${new URL(r.url).pathname}` === key);
  return { spy, requests, calls };
}

export const tokens = (accessToken: string, expiresIn = 900) => ({ accessToken, tokenType: 'Bearer', expiresIn, refreshToken: null });

export const alice = {
  id: '00000000-0000-4000-8000-000000000001',
  email: 'alice@example.com',
  name: 'Alice Example',
  avatarUrl: null,
  role: 'user',
  createdAt: '2025-01-01T10:00:00Z',
  lastLoginAt: null,
} as const;
