import { createApiClient, createAuthFetch, type ApiClient, type AuthBinding, type AuthFetch, type TokenResponse, type UserView } from '../../api/client';
import { ProblemError, toProblem, unwrap } from '../../api/problem';

export type SessionState =
  | { status: 'loading'; user: null }
  | { status: 'anonymous'; user: null }
  | { status: 'authenticated'; user: UserView };

/** Refresh this long before the access token expires. */
export const REFRESH_LEAD_SECONDS = 60;

const COOKIE_TRANSPORT = { 'X-Refresh-Token-Transport': 'cookie' } as const;

export function readCookie(name: string): string | null {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}

function cookieTransportHeaders(): Record<string, string> {
  const xsrf = readCookie('XSRF-TOKEN');
  return xsrf ? { ...COOKIE_TRANSPORT, 'X-XSRF-TOKEN': xsrf } : { ...COOKIE_TRANSPORT };
}

/**
 * Owns the signed-in state. The access token lives only in this object's memory; the refresh
 * token lives in an HttpOnly cookie the server manages. Refreshes are single-flight because the
 * server revokes the whole token family when a refresh token is used twice.
 */
export class Session {
  readonly api: ApiClient;
  /**
   * Plain `fetch` with the same bearer token and refresh-on-401 as `api`, for requests the typed
   * client cannot make: streamed responses and endpoints not yet in the OpenAPI document.
   */
  readonly fetch: AuthFetch;
  private token: string | null = null;
  private state: SessionState = { status: 'loading', user: null };
  private readonly listeners = new Set<() => void>();
  private inFlightRefresh: Promise<boolean> | null = null;
  private refreshTimer: ReturnType<typeof setTimeout> | null = null;
  private restoring: Promise<void> | null = null;

  constructor() {
    const binding: AuthBinding = {
      accessToken: () => this.token,
      refresh: () => this.refresh(),
      onUnauthorized: () => this.clear(),
    };
    this.api = createApiClient(binding);
    this.fetch = createAuthFetch(binding);
  }

  getState = (): SessionState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  accessToken(): string | null {
    return this.token;
  }

  /** On page load: use the refresh cookie (if any) to get back into the session. */
  restore(): Promise<void> {
    this.restoring ??= (async () => {
      if (await this.refresh()) await this.loadUser();
      else this.clear();
    })();
    return this.restoring;
  }

  async login(email: string, password: string): Promise<UserView> {
    const tokens = unwrap(
      await this.api.POST('/api/auth/login', { body: { email, password }, headers: cookieTransportHeaders() }),
    );
    this.acceptTokens(tokens);
    const user = await this.loadUser();
    if (!user) throw new ProblemError(toProblem({ title: 'Could not load your profile', status: 0 }));
    return user;
  }

  async logout(): Promise<void> {
    this.cancelScheduledRefresh();
    try {
      await this.api.POST('/api/auth/logout', { body: {}, headers: cookieTransportHeaders() });
    } catch {
      // Signing out locally matters more than telling the server.
    } finally {
      this.clear();
    }
  }

  /**
   * Shared by every caller: at most one refresh request is in flight at any time. Across browser
   * tabs the Web Locks API serialises refreshes too, so two tabs never present the same cookie
   * token at once (which the server would treat as reuse and revoke the sign-in).
   */
  refresh(): Promise<boolean> {
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    const run = locks
      ? (): Promise<boolean> =>
          new Promise<boolean>((resolve, reject) => {
            // The lock is held until the refresh settles, since the callback returns that promise.
            void locks.request('nex7-token-refresh', () => this.doRefresh().then(resolve, reject));
          })
      : (): Promise<boolean> => this.doRefresh();
    this.inFlightRefresh ??= run().finally(() => {
      this.inFlightRefresh = null;
    });
    return this.inFlightRefresh;
  }

  /** Re-reads the current user (e.g. after a role change). */
  async loadUser(): Promise<UserView | null> {
    try {
      const { data, response } = await this.api.GET('/api/me');
      if (!response.ok || !data) return null;
      this.setState({ status: 'authenticated', user: data });
      return data;
    } catch {
      return null;
    }
  }

  private async doRefresh(): Promise<boolean> {
    try {
      const { data, response } = await this.api.POST('/api/auth/refresh', {
        body: {},
        headers: cookieTransportHeaders(),
      });
      if (!response.ok || !data) {
        this.clear();
        return false;
      }
      this.acceptTokens(data);
      return true;
    } catch {
      this.clear();
      return false;
    }
  }

  private acceptTokens(tokens: TokenResponse): void {
    this.token = tokens.accessToken;
    this.scheduleRefresh(tokens.expiresIn);
  }

  private scheduleRefresh(expiresInSeconds: number): void {
    this.cancelScheduledRefresh();
    const delayMs = Math.max(0, expiresInSeconds - REFRESH_LEAD_SECONDS) * 1000;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = null;
      void this.refresh();
    }, delayMs);
  }

  private cancelScheduledRefresh(): void {
    if (this.refreshTimer !== null) clearTimeout(this.refreshTimer);
    this.refreshTimer = null;
  }

  /** Forget everything: the user is signed out. */
  private clear(): void {
    this.cancelScheduledRefresh();
    this.token = null;
    if (this.state.status !== 'anonymous') this.setState({ status: 'anonymous', user: null });
  }

  private setState(next: SessionState): void {
    this.state = next;
    for (const listener of this.listeners) listener();
  }
}

/** The application's session and its typed API client. */
export const session = new Session();
export const api = session.api;
