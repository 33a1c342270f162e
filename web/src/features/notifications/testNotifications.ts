import type { NotificationView, PreferencesView, WebhookView } from './notificationsApi';

/* Test fixtures shaped like the server's answers, and a live notification stream the test writes to. */

export const PROJECT_ID = '10000000-0000-4000-8000-000000000007';

export const notification = (n: number, changes: Partial<NotificationView> = {}): NotificationView => ({
  id: `a0000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  projectId: PROJECT_ID,
  kind: 'deployment_failed',
  title: `Deployment failed in Shop #${n}`,
  body: 'The deployment of main@6dcb09b to local failed. Root cause: Cannot find module',
  link: `/projects/${PROJECT_ID}/deployments/d${n}`,
  createdAt: new Date(Date.now() - n * 60_000).toISOString(),
  ...changes,
});

export const preferences = (emailConfigured: boolean): PreferencesView => ({
  emailConfigured,
  kinds: [
    { kind: 'deployment_failed', title: 'Deployment failed', inApp: true, email: true },
    { kind: 'fix_proposed', title: 'Fix proposed', inApp: true, email: false },
    { kind: 'fix_merged', title: 'Fix merged', inApp: true, email: false },
    { kind: 'recovery_failed', title: 'Recovery failed', inApp: true, email: true },
    { kind: 'rolled_back', title: 'Rolled back', inApp: true, email: true },
  ],
});

export const webhook = (changes: Partial<WebhookView> = {}): WebhookView => ({
  url: 'https://hooks.slack.com/services/T1/B2/xyz',
  enabled: true,
  kinds: ['deployment_failed', 'fix_proposed', 'fix_merged', 'recovery_failed', 'rolled_back'],
  createdAt: '2026-11-25T10:00:00Z',
  updatedAt: '2026-11-25T10:00:00Z',
  deliveries: [],
  ...changes,
});

export const project = (myRole: 'owner' | 'editor' | 'viewer') =>
  ({ id: PROJECT_ID, name: 'Shop', type: 'web', status: 'active', myRole, createdAt: '2026-01-01T10:00:00Z', updatedAt: '2026-01-01T10:00:00Z' }) as never;

const encoder = new TextEncoder();

/** The server's side of /api/notifications/stream, written to by the test. */
export function liveNotifications() {
  let controller: ReadableStreamDefaultController<Uint8Array> | null = null;
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
  });
  return {
    respond: () => new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } }),
    send: (name: 'unread' | 'notification', data: unknown) => controller?.enqueue(encoder.encode(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`)),
  };
}
