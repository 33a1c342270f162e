import type { Schemas } from '../../api/client';
import { ProblemError, toProblem, unwrap } from '../../api/problem';
import { readServerEvents } from '../../api/sse';
import { api, session } from '../auth/session';

export type NotificationView = Schemas['NotificationView'];
export type NotificationPage = Schemas['NotificationPage'];
export type NotificationKind = NotificationView['kind'];
export type PreferencesView = Schemas['NotificationPreferencesView'];
export type PreferenceView = Schemas['NotificationPreferenceView'];
export type WebhookView = Schemas['NotificationWebhookView'];
export type WebhookRequest = Schemas['NotificationWebhookRequest'];
export type DeliveryView = Schemas['NotificationDeliveryView'];
export type WebhookTestView = Schemas['NotificationWebhookTestView'];

/** Every kind, in the order the server lists them, with a label for people. */
export const KINDS: ReadonlyArray<{ value: NotificationKind; label: string }> = [
  { value: 'deployment_failed', label: 'Deployment failed' },
  { value: 'fix_proposed', label: 'Fix proposed' },
  { value: 'fix_merged', label: 'Fix merged' },
  { value: 'recovery_failed', label: 'Recovery failed' },
  { value: 'rolled_back', label: 'Rolled back' },
];

export async function listNotifications(query: { limit?: number; before?: string; unreadOnly?: boolean } = {}): Promise<NotificationPage> {
  return unwrap(await api.GET('/api/notifications', { params: { query } }));
}

export async function markRead(notificationId: string): Promise<NotificationView> {
  return unwrap(await api.POST('/api/notifications/{notificationId}/read', { params: { path: { notificationId } } }));
}

export async function markAllRead(): Promise<number> {
  return unwrap(await api.POST('/api/notifications/read-all')).count;
}

/** A change the live stream reports. */
export type LiveEvent = { type: 'unread'; count: number } | { type: 'notification'; notification: NotificationView };

function decode(event: { event: string; data: string }): LiveEvent | null {
  try {
    const data: unknown = JSON.parse(event.data);
    if (typeof data !== 'object' || data === null) return null;
    if (event.event === 'unread' && typeof (data as { count?: unknown }).count === 'number') {
      return { type: 'unread', count: (data as { count: number }).count };
    }
    if (event.event === 'notification' && typeof (data as { id?: unknown }).id === 'string') {
      return { type: 'notification', notification: data as NotificationView };
    }
  } catch {
    // Not JSON: not an event this client knows.
  }
  return null;
}

/**
 * Follows the signed-in person's notification stream until the server ends it or `signal` aborts
 * it. Uses fetch and a stream reader (as the chat does), not EventSource, which cannot send the
 * bearer token.
 */
export async function followNotifications(onEvent: (event: LiveEvent) => void, signal: AbortSignal): Promise<void> {
  const url = `${globalThis.location?.origin ?? ''}/api/notifications/stream`;
  const response = await session.fetch(new Request(url, { headers: { Accept: 'text/event-stream' }, credentials: 'same-origin', signal }));
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => undefined);
    throw new ProblemError(toProblem(body, response));
  }
  if (!response.body) return;
  await readServerEvents(
    response.body,
    (event) => {
      const decoded = decode(event);
      if (decoded) onEvent(decoded);
    },
    signal,
  );
}

export async function loadPreferences(): Promise<PreferencesView> {
  return unwrap(await api.GET('/api/notifications/preferences'));
}

export async function savePreference(preference: Pick<PreferenceView, 'kind' | 'inApp' | 'email'>): Promise<PreferencesView> {
  return unwrap(await api.PUT('/api/notifications/preferences', { body: { kinds: [preference] } }));
}

/** The project's webhook, or null when it has none. */
export async function loadWebhook(projectId: string): Promise<WebhookView | null> {
  const result = await api.GET('/api/projects/{projectId}/notification-webhook', { params: { path: { projectId } } });
  if (result.response.status === 404) return null;
  return unwrap(result);
}

export async function saveWebhook(projectId: string, body: WebhookRequest): Promise<WebhookView> {
  return unwrap(await api.PUT('/api/projects/{projectId}/notification-webhook', { params: { path: { projectId } }, body }));
}

export async function deleteWebhook(projectId: string): Promise<void> {
  unwrap(await api.DELETE('/api/projects/{projectId}/notification-webhook', { params: { path: { projectId } } }));
}

export async function testWebhook(projectId: string): Promise<WebhookTestView> {
  return unwrap(await api.POST('/api/projects/{projectId}/notification-webhook/test', { params: { path: { projectId } } }));
}
