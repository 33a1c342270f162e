import createClient, { type Client } from 'openapi-fetch';
import type { components, paths } from './schema';

/** Server types, generated from openapi.json. Never hand-write duplicates of these. */
export type Schemas = components['schemas'];
export type UserView = Schemas['UserView'];
export type TokenResponse = Schemas['TokenResponse'];
export type ProjectView = Schemas['ProjectView'];
export type ProjectPage = Schemas['PageViewProjectView'];
export type CreateProjectRequest = Schemas['CreateProjectRequest'];
export type UpdateProjectRequest = Schemas['UpdateProjectRequest'];
export type MemberView = Schemas['MemberView'];
export type UserPage = Schemas['PageViewUserView'];
export type Problem = Schemas['Problem'];
export type FieldError = NonNullable<Problem['errors']>[number];
export type ProjectType = ProjectView['type'];
export type ProjectStatus = ProjectView['status'];
export type ProjectRole = MemberView['role'];
export type UserRole = UserView['role'];

export type ApiClient = Client<paths>;

/** What the API client needs from whoever owns the session. */
export interface AuthBinding {
  /** The current access token, kept in memory only. */
  accessToken(): string | null;
  /** Obtain a fresh access token; resolves false when the session is gone. */
  refresh(): Promise<boolean>;
  /** Called when a request stays 401 after a refresh attempt. */
  onUnauthorized(): void;
}

/** Endpoints that manage the session themselves: no bearer token, no refresh-on-401. */
const isAuthEndpoint = (url: string): boolean => new URL(url).pathname.startsWith('/api/auth/');

function withBearer(request: Request, token: string | null): Request {
  if (token) request.headers.set('Authorization', `Bearer ${token}`);
  return request;
}

/** A `fetch` for API requests that carries the session's bearer token. */
export type AuthFetch = (request: Request) => Promise<Response>;

/**
 * Authenticated calls get the in-memory bearer token; a 401 triggers one (shared) refresh and a
 * single retry, then the session is ended.
 */
export function createAuthFetch(auth: AuthBinding): AuthFetch {
  return async (request: Request): Promise<Response> => {
    // `fetch` is resolved on every call so tests (and polyfills) can replace it.
    if (isAuthEndpoint(request.url)) return globalThis.fetch(request);
    const retry = request.clone();
    const response = await globalThis.fetch(withBearer(request, auth.accessToken()));
    if (response.status !== 401) return response;
    if (!(await auth.refresh())) {
      auth.onUnauthorized();
      return response;
    }
    const retried = await globalThis.fetch(withBearer(retry, auth.accessToken()));
    if (retried.status === 401) auth.onUnauthorized();
    return retried;
  };
}

/** Creates the one typed API client, authenticated as `createAuthFetch` describes. */
export function createApiClient(auth: AuthBinding): ApiClient {
  return createClient<paths>({
    baseUrl: globalThis.location?.origin ?? '',
    credentials: 'same-origin',
    fetch: createAuthFetch(auth),
  });
}
