import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, mockServer, noContent, problem } from '../../test/fetchMock';
import { renderAt } from '../../test/render';
import { NotificationWebhookSection } from './NotificationWebhookSection';
import { PROJECT_ID, project, webhook } from './testNotifications';

const base = `/api/projects/${PROJECT_ID}/notification-webhook`;
const none = () => problem(404, 'No notification webhook');

describe('notification webhook section', () => {
  it('lets an owner add a webhook, shows the secret once with a copy button, and sends a test', async () => {
    const created = webhook({ kinds: ['deployment_failed', 'recovery_failed', 'rolled_back'], secret: 'whsec_shown_once' });
    const server = mockServer({
      [`GET ${base}`]: [none, () => json(200, webhook({ deliveries: [{ id: 'd1', kind: 'test', status: 'delivered', attempts: 1, lastStatus: 200, createdAt: new Date().toISOString() }] }))],
      [`PUT ${base}`]: () => json(200, created),
      [`POST ${base}/test`]: () => json(200, { delivered: true, status: 200, durationMillis: 42 }),
    });
    const { user } = renderAt(`/projects/${PROJECT_ID}`, <NotificationWebhookSection project={project('owner')} />);

    expect(await screen.findByText('No webhook.')).toBeInTheDocument();
    await user.type(screen.getByLabelText('Webhook URL'), 'https://hooks.slack.com/services/T1/B2/xyz');
    await user.click(screen.getByLabelText('Fix proposed'));
    await user.click(screen.getByLabelText('Fix merged'));
    await user.click(screen.getByRole('button', { name: 'Add webhook' }));

    expect(await screen.findByLabelText('Signing secret', { selector: 'code' })).toHaveTextContent('whsec_shown_once');
    await expect(server.calls(`PUT ${base}`)[0]!.json()).resolves.toEqual({
      url: 'https://hooks.slack.com/services/T1/B2/xyz', enabled: true, kinds: ['deployment_failed', 'recovery_failed', 'rolled_back'],
    });
    expect(screen.getByText(/Posts: Deployment failed, Recovery failed, Rolled back/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Copy' }));
    await expect(navigator.clipboard.readText()).resolves.toBe('whsec_shown_once');
    expect(screen.getByRole('button', { name: 'Copied' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Send a test' }));
    expect(await screen.findByText('Test delivered: the webhook answered HTTP 200 in 42 ms.')).toBeInTheDocument();
    const calls = await screen.findByRole('table', { name: 'Recent calls' });
    expect(within(calls).getByText('Test')).toBeInTheDocument();
    expect(within(calls).getByText('delivered')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Done' }));
    expect(screen.queryByLabelText('Signing secret', { selector: 'code' })).not.toBeInTheDocument();
  });

  it('puts a refused URL next to its field', async () => {
    mockServer({
      [`GET ${base}`]: none,
      [`PUT ${base}`]: () => problem(400, 'The request is not valid', { errors: [{ field: 'url', message: 'must be an absolute http or https URL' }] }),
    });
    const { user } = renderAt(`/projects/${PROJECT_ID}`, <NotificationWebhookSection project={project('owner')} />);

    await user.type(await screen.findByLabelText('Webhook URL'), 'ftp://example.com');
    await user.click(screen.getByRole('button', { name: 'Add webhook' }));

    expect(await screen.findByText('must be an absolute http or https URL')).toBeInTheDocument();
    expect(screen.getByLabelText('Webhook URL')).toHaveAccessibleDescription('must be an absolute http or https URL');
  });

  it('shows members the webhook and its failed calls without any controls, and owners can remove it', async () => {
    const failed = { id: 'd2', kind: 'deployment_failed', status: 'failed' as const, attempts: 8, lastStatus: 503, lastError: 'Gave up after 8 attempts: HTTP 503', createdAt: new Date().toISOString() };
    mockServer({ [`GET ${base}`]: () => json(200, webhook({ url: 'https://hooks.slack.com/…', deliveries: [failed] })) });
    const { unmount } = renderAt(`/projects/${PROJECT_ID}`, <NotificationWebhookSection project={project('viewer')} />);

    expect(await screen.findByText('https://hooks.slack.com/…')).toBeInTheDocument();
    expect(screen.getByText('Gave up after 8 attempts: HTTP 503')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Send a test' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Remove' })).not.toBeInTheDocument();
    expect(screen.queryByLabelText('Webhook URL')).not.toBeInTheDocument();
    unmount();

    const server = mockServer({ [`GET ${base}`]: () => json(200, webhook()), [`DELETE ${base}`]: () => noContent() });
    const { user } = renderAt(`/projects/${PROJECT_ID}`, <NotificationWebhookSection project={project('owner')} />);
    await user.click(await screen.findByRole('button', { name: 'Remove' }));
    expect(await screen.findByText('No webhook.')).toBeInTheDocument();
    await waitFor(() => expect(server.calls(`DELETE ${base}`)).toHaveLength(1));
  });
});
