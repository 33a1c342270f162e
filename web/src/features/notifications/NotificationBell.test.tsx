import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, mockServer } from '../../test/fetchMock';
import { renderAt } from '../../test/render';
import { NotificationBell } from './NotificationBell';
import { liveNotifications, notification } from './testNotifications';

const page = (items: unknown[], nextBefore?: string) => json(200, nextBefore ? { items, nextBefore } : { items });

describe('notification bell', () => {
  it('shows the live unread count, lists the notifications and marks them read', async () => {
    const live = liveNotifications();
    const first = notification(1);
    const server = mockServer({
      'GET /api/notifications/stream': () => live.respond(),
      'GET /api/notifications': () => page([first, notification(2, { readAt: '2026-11-25T10:00:00Z' })]),
      [`POST /api/notifications/${first.id}/read`]: () => json(200, { ...first, readAt: '2026-11-25T11:00:00Z' }),
      'POST /api/notifications/read-all': () => json(200, { count: 0 }),
    });
    const { user } = renderAt('/projects', <NotificationBell />);

    expect(screen.getByRole('button', { name: 'Notifications' })).toBeInTheDocument();
    act(() => live.send('unread', { count: 2 }));
    const bell = await screen.findByRole('button', { name: 'Notifications, 2 unread' });
    expect(bell).toHaveAttribute('aria-expanded', 'false');

    await user.click(bell);
    const panel = await screen.findByRole('dialog', { name: 'Notifications' });
    expect(bell).toHaveAttribute('aria-expanded', 'true');
    expect(panel).toHaveFocus();
    expect(await within(panel).findByText('Deployment failed in Shop #1')).toBeInTheDocument();
    expect(within(panel).getByText('(unread)')).toBeInTheDocument();

    // A notification that arrives while the list is open goes on top.
    act(() => {
      live.send('notification', notification(0, { title: 'Fix proposed for Shop', kind: 'fix_proposed' }));
      live.send('unread', { count: 3 });
    });
    await screen.findByRole('button', { name: 'Notifications, 3 unread' });
    expect(within(panel).getAllByRole('listitem')[0]).toHaveTextContent('Fix proposed for Shop');

    await user.click(within(panel).getByRole('button', { name: 'Mark “Deployment failed in Shop #1” read' }));
    await waitFor(() => expect(server.calls(`POST /api/notifications/${first.id}/read`)).toHaveLength(1));
    expect(within(panel).queryByRole('button', { name: 'Mark “Deployment failed in Shop #1” read' })).not.toBeInTheDocument();

    await user.click(within(panel).getByRole('button', { name: 'Mark all read' }));
    expect(await screen.findByRole('button', { name: 'Notifications' })).toBeInTheDocument();
    expect(server.calls('POST /api/notifications/read-all')).toHaveLength(1);
  });

  it('opens a notification: marks it read, closes the list and goes to its page', async () => {
    const live = liveNotifications();
    const first = notification(1);
    const server = mockServer({
      'GET /api/notifications/stream': () => live.respond(),
      'GET /api/notifications': () => page([first]),
      [`POST /api/notifications/${first.id}/read`]: () => json(200, { ...first, readAt: '2026-11-25T11:00:00Z' }),
    });
    const { user } = renderAt('/projects', <NotificationBell />);

    await user.click(screen.getByRole('button', { name: 'Notifications' }));
    await user.click(await screen.findByRole('button', { name: /^Deployment failed in Shop #1/ }));

    expect(screen.getByTestId('location')).toHaveTextContent(first.link);
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    await waitFor(() => expect(server.calls(`POST /api/notifications/${first.id}/read`)).toHaveLength(1));
  });

  it('closes on Escape with focus back on the bell, and pages to older notifications', async () => {
    const live = liveNotifications();
    const server = mockServer({
      'GET /api/notifications/stream': () => live.respond(),
      'GET /api/notifications': (request) =>
        new URL(request.url).searchParams.get('before') ? page([notification(3)]) : page([notification(1), notification(2)], notification(2).id),
    });
    const { user } = renderAt('/projects', <NotificationBell />);
    const bell = screen.getByRole('button', { name: 'Notifications' });

    await user.click(bell);
    const panel = await screen.findByRole('dialog', { name: 'Notifications' });
    await user.click(await within(panel).findByRole('button', { name: 'Show older' }));
    expect(await within(panel).findByText('Deployment failed in Shop #3')).toBeInTheDocument();
    expect(new URL(server.calls('GET /api/notifications')[1]!.url).searchParams.get('before')).toBe(notification(2).id);
    expect(within(panel).queryByRole('button', { name: 'Show older' })).not.toBeInTheDocument();

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(bell).toHaveFocus();
    expect(bell).toHaveAttribute('aria-expanded', 'false');
  });
});
