import { act, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, mockServer, problem } from '../../test/fetchMock';
import { renderAt } from '../../test/render';
import { DeploymentsPage } from './DeploymentsPage';
import { PAGE_SIZE, type Deployment } from './deploymentsApi';
import { LOCAL_TARGET, PROJECT, PROJECT_ID, deployment, projectView } from './testDeployments';
import { POLL_MILLIS } from './usePolling';

const PATH = `/projects/${PROJECT_ID}/deployments`;
const LIST = `GET ${PROJECT}/deployments`;
const notLinked = () => problem(404, 'No local target linked', { type: 'https://nex7.dev/problems/local-target-not-linked' });

function renderTimeline(routes: Parameters<typeof mockServer>[0], { role = 'editor', at = PATH }: { role?: 'owner' | 'editor' | 'viewer'; at?: string } = {}) {
  const server = mockServer({
    [`GET ${PROJECT}`]: () => json(200, projectView(role)),
    [`GET ${PROJECT}/local-target`]: () => json(200, LOCAL_TARGET),
    ...routes,
  });
  return { server, ...renderAt(at, <DeploymentsPage />, '/projects/:projectId/deployments') };
}

const rows = async () => within(await screen.findByRole('list', { name: 'Deployments' })).getAllByRole('listitem');
/** The page's live status line (the test router's location readout is an `output`, a status too). */
const liveStatus = () => screen.getAllByRole('status').find((element) => element.tagName !== 'OUTPUT');
const query = (request: Request | undefined) => Object.fromEntries(new URL(request?.url ?? 'http://x').searchParams);

describe('deployments timeline', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('lists deployments newest first with status in words, target, environment, trigger, commit, branch and duration', async () => {
    renderTimeline({
      [LIST]: () => json(200, [
        deployment(0, { status: 'error', rootCategory: 'module-not-found' }),
        deployment(1, { target: 'vercel', environment: 'preview', trigger: 'rollback', branch: 'feature/cart', durationMillis: 1500 }),
      ]),
    });

    const [failed, preview] = await rows();
    for (const text of ['Failed', '0000abc', 'on main', 'Local', 'Production', 'Push', 'took 42 s']) expect(failed).toHaveTextContent(text);
    expect(within(failed as HTMLElement).getByRole('link', { name: 'Change number 0' })).toHaveAttribute('href', `${PATH}/${deployment(0).id}`);
    expect(failed).not.toHaveTextContent('With a body');
    expect(within(failed as HTMLElement).getByText(/ago$|^in |just now/, { selector: 'time' })).toHaveAttribute('datetime', deployment(0).createdAt);
    for (const text of ['Ready', 'Vercel', 'Preview', 'Rollback', 'on feature/cart', 'took 1.5 s']) expect(preview).toHaveTextContent(text);
  });

  it('pages back with "Load more" from the oldest deployment shown, keeping the status filter', async () => {
    const first = Array.from({ length: PAGE_SIZE }, (_, n) => deployment(n, { status: 'error' }));
    const second = [deployment(PAGE_SIZE, { status: 'error' })];
    const { server, user } = renderTimeline({ [LIST]: [() => json(200, first), () => json(200, second)] }, { at: `${PATH}?status=error` });

    expect(await rows()).toHaveLength(PAGE_SIZE);
    expect(query(server.calls(LIST)[0])).toEqual({ status: 'error', limit: String(PAGE_SIZE) });
    await user.click(screen.getByRole('button', { name: 'Load more' }));

    expect(await screen.findByRole('link', { name: `Change number ${PAGE_SIZE}` })).toBeInTheDocument();
    expect(await rows()).toHaveLength(PAGE_SIZE + 1);
    expect(query(server.calls(LIST)[1])).toEqual({ status: 'error', before: first[PAGE_SIZE - 1]?.createdAt, limit: String(PAGE_SIZE) });
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
  });

  it('filters by status, and says so when nothing matches', async () => {
    const { server, user } = renderTimeline({ [LIST]: [() => json(200, [deployment(0)]), () => json(200, [])] });
    await rows();

    await user.selectOptions(screen.getByLabelText('Status'), 'Canceled');

    expect(await screen.findByText('No deployments with this status.')).toBeInTheDocument();
    expect(query(server.calls(LIST)[1]).status).toBe('canceled');
    expect(screen.getByTestId('location')).toHaveTextContent(`${PATH}?status=canceled`);
  });

  it('deploys the local target with "Deploy now" and shows the queued deployment first', async () => {
    const queued: Deployment = deployment(-1, { status: 'queued', trigger: 'manual', commitMessage: 'Head of main', durationMillis: undefined, startedAt: undefined, finishedAt: undefined });
    const { server, user } = renderTimeline({ [LIST]: () => json(200, [deployment(0)]), [`POST ${PROJECT}/deployments`]: () => json(202, queued) });
    await rows();

    await user.click(screen.getByRole('button', { name: 'Deploy now' }));

    const [first] = await rows();
    for (const text of ['Queued', 'Head of main', 'Manual']) expect(first).toHaveTextContent(text);
    await expect(server.calls(`POST ${PROJECT}/deployments`)[0]?.json()).resolves.toEqual({});
    expect(liveStatus()).toHaveTextContent('Deployment queued.');
    expect(screen.getByRole('link', { name: 'Follow it' })).toHaveAttribute('href', `${PATH}/${queued.id}`);
  });

  it('shows why a deployment could not start', async () => {
    const { user } = renderTimeline({
      [LIST]: () => json(200, []),
      [`POST ${PROJECT}/deployments`]: () => problem(409, 'A deployment is running', { detail: 'Deployment of 0000abc is still building.' }),
    });
    await screen.findByText(/No deployments yet/);

    await user.click(screen.getByRole('button', { name: 'Deploy now' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('still building');
  });

  it('offers "Deploy now" only to editors of a project with a local target', async () => {
    const { unmount } = renderTimeline({ [LIST]: () => json(200, [deployment(0)]) }, { role: 'viewer' });
    await rows();
    expect(screen.queryByRole('button', { name: 'Deploy now' })).not.toBeInTheDocument();
    unmount();

    renderTimeline({ [LIST]: () => json(200, [deployment(0)]), [`GET ${PROJECT}/local-target`]: notLinked }, { role: 'owner' });
    await rows();
    expect(screen.queryByRole('button', { name: 'Deploy now' })).not.toBeInTheDocument();
  });

  it('looks again every few seconds while a deployment is under way, and stops when none is', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const { server } = renderTimeline({
      [LIST]: [() => json(200, [deployment(0, { status: 'building' }), deployment(1)]), () => json(200, [deployment(0, { status: 'ready' }), deployment(1)])],
    });
    expect((await rows())[0]).toHaveTextContent('Building');
    expect(liveStatus()).toHaveTextContent('1 under way');

    await act(() => vi.advanceTimersByTimeAsync(POLL_MILLIS));

    expect(await screen.findByText('Ready', { selector: 'li:first-child *' })).toBeInTheDocument();
    expect(server.calls(LIST)).toHaveLength(2);
    await act(() => vi.advanceTimersByTimeAsync(POLL_MILLIS * 3));
    expect(server.calls(LIST)).toHaveLength(2);
  });

  it('stops looking when the page is left', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const { server, unmount } = renderTimeline({ [LIST]: () => json(200, [deployment(0, { status: 'queued' })]) });
    await rows();

    unmount();
    await act(() => vi.advanceTimersByTimeAsync(POLL_MILLIS * 3));

    expect(server.calls(LIST)).toHaveLength(1);
  });
});
