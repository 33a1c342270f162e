import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, mockServer, problem } from '../../test/fetchMock';
import { renderAt } from '../../test/render';
import { NotificationPreferencesSection } from './NotificationPreferencesSection';
import { preferences } from './testNotifications';

describe('notification preferences', () => {
  it('shows each kind in NEX7 and by email, and saves a switch as it is flipped', async () => {
    const saved = preferences(true);
    saved.kinds[1] = { ...saved.kinds[1]!, email: true };
    const server = mockServer({
      'GET /api/notifications/preferences': () => json(200, preferences(true)),
      'PUT /api/notifications/preferences': () => json(200, saved),
    });
    const { user } = renderAt('/settings', <NotificationPreferencesSection />);

    const fixByEmail = await screen.findByRole('switch', { name: 'Fix proposed by email' });
    expect(fixByEmail).toHaveAttribute('aria-checked', 'false');
    expect(screen.getByRole('switch', { name: 'Deployment failed by email' })).toHaveAttribute('aria-checked', 'true');
    expect(screen.getByRole('switch', { name: 'Rolled back in NEX7' })).toHaveAttribute('aria-checked', 'true');
    expect(screen.queryByText(/Email is not configured/)).not.toBeInTheDocument();

    await user.click(fixByEmail);

    await waitFor(() => expect(fixByEmail).toHaveAttribute('aria-checked', 'true'));
    await expect(server.calls('PUT /api/notifications/preferences')[0]!.json()).resolves.toEqual({
      kinds: [{ kind: 'fix_proposed', inApp: true, email: true }],
    });
  });

  it('says when email is not configured and keeps the email switches off', async () => {
    mockServer({ 'GET /api/notifications/preferences': () => json(200, preferences(false)) });
    renderAt('/settings', <NotificationPreferencesSection />);

    expect(await screen.findByText(/Email is not configured on this server/)).toBeInTheDocument();
    const byEmail = screen.getByRole('switch', { name: 'Deployment failed by email' });
    expect(byEmail).toBeDisabled();
    expect(byEmail).toHaveAttribute('aria-checked', 'false');
    expect(byEmail).toHaveAccessibleDescription('Email is not configured');
    expect(screen.getByRole('switch', { name: 'Deployment failed in NEX7' })).toBeEnabled();
  });

  it('shows the problem when a change is refused and keeps what was there', async () => {
    mockServer({
      'GET /api/notifications/preferences': () => json(200, preferences(true)),
      'PUT /api/notifications/preferences': () => problem(400, 'The request is not valid', { detail: 'One or more fields are invalid; see errors.' }),
    });
    const { user } = renderAt('/settings', <NotificationPreferencesSection />);

    const inApp = await screen.findByRole('switch', { name: 'Fix merged in NEX7' });
    await user.click(inApp);

    expect(await screen.findByRole('alert')).toHaveTextContent('One or more fields are invalid');
    expect(inApp).toHaveAttribute('aria-checked', 'true');
  });
});
