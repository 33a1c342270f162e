import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, mockServer, problem } from '../../test/fetchMock';
import { renderAt } from '../../test/render';
import { DeploymentDetailPage } from './DeploymentDetailPage';
import { LOG, PROJECT, PROJECT_ID, deployment, projectView, provenAttempt } from './testDeployments';
import { LIVE_LOG_MILLIS, POLL_MILLIS } from './usePolling';

const failed = deployment(1, {
  status: 'error',
  rootCategory: 'module-not-found',
  rootCause: "Cannot find module 'left-pad' (src/cart.ts:3:22)",
  url: 'http://localhost:4173/',
});
const ID = failed.id;
const DEPLOYMENT = `/api/deployments/${ID}`;
const PATH = `/projects/${PROJECT_ID}/deployments/${ID}`;

function renderDetail(routes: Parameters<typeof mockServer>[0], role: 'owner' | 'editor' | 'viewer' = 'editor') {
  const server = mockServer({
    [`GET ${PROJECT}`]: () => json(200, projectView(role)),
    [`GET ${DEPLOYMENT}`]: () => json(200, failed),
    [`GET ${DEPLOYMENT}/log`]: () => json(200, LOG),
    [`GET ${DEPLOYMENT}/recovery`]: () => json(200, [provenAttempt()]),
    ...routes,
  });
  return { server, ...renderAt(PATH, <DeploymentDetailPage />, '/projects/:projectId/deployments/:deploymentId') };
}

const liveStatus = () => screen.getAllByRole('status').find((element) => element.tagName !== 'OUTPUT');

describe('a deployment', () => {
  afterEach(() => {
    vi.useRealTimers();
    Reflect.deleteProperty(Element.prototype, 'scrollIntoView');
  });

  it('shows its commit, status, timings, address and root cause', async () => {
    renderDetail({});

    expect(await screen.findByRole('heading', { level: 1, name: 'Change number 1' })).toBeInTheDocument();
    expect(screen.getByText('Failed')).toBeInTheDocument();
    expect(screen.getByTitle(failed.commitSha ?? '')).toHaveTextContent('0001abc');
    expect(screen.getByText('Duration').nextSibling).toHaveTextContent('42 s');
    expect(screen.getByRole('link', { name: /http:\/\/localhost:4173\// })).toHaveAttribute('href', 'http://localhost:4173/');
    const cause = screen.getByRole('region', { name: 'Root cause' });
    expect(cause).toHaveTextContent('Module not found');
    expect(cause).toHaveTextContent("Cannot find module 'left-pad' (src/cart.ts:3:22)");
    expect(within(cause).getByRole('link', { name: 'Show log line 4' })).toHaveAttribute('href', '#log-line-4');
  });

  it('marks the findings at their lines of the log, and a finding takes you to its line', async () => {
    const scrolled = vi.fn();
    // jsdom lays nothing out and has no scrollIntoView: stand in for the browser's.
    Object.defineProperty(Element.prototype, 'scrollIntoView', { configurable: true, value: scrolled });
    const { user } = renderDetail({});

    const log = await screen.findByRole('region', { name: 'Log lines' });
    expect(log.querySelectorAll('mark')).toHaveLength(2);
    expect(log.querySelector('#log-line-4 mark')).toHaveAttribute('data-kind', 'root');
    expect(log.querySelector('#log-line-4')).toHaveTextContent("Cannot find module 'left-pad'");
    expect(log.querySelector('#log-line-5 mark')).toHaveAttribute('data-kind', 'finding');
    expect(log.querySelector('#log-line-1 mark')).toBeNull();

    const findings = within(screen.getByRole('list', { name: 'Findings' })).getAllByRole('listitem');
    expect(findings[0]).toHaveAccessibleName('Root cause');
    await user.click(within(findings[1] as HTMLElement).getByRole('link', { name: 'line 5' }));

    const line = log.querySelector('#log-line-5');
    expect(scrolled.mock.contexts[0]).toBe(line);
    expect(line).toHaveFocus();
    expect(screen.getByTestId('location')).toHaveTextContent(new RegExp(`^${PATH}$`));
  });

  it('shows each recovery attempt: strategy, source, confidence, outcome, rationale, the diff coloured by line, build output, pull request and redeployment', async () => {
    renderDetail({});

    const attempts = await screen.findByRole('list', { name: 'Recovery attempts' });
    const attempt = within(attempts).getByRole('listitem', { name: 'Add dependency fix' });
    for (const text of ['add-dependency', 'Proven', 'Rule', '92% confident', 'package.json does not declare', 'Proof took15 s']) expect(attempt).toHaveTextContent(text);

    const diff = within(attempt).getByRole('region', { name: 'Diff of the Add dependency fix' });
    expect([...diff.querySelectorAll('ins')].map((line) => line.textContent)).toEqual(['+    "react": "^19.0.0",', '+    "left-pad": "^1.3.0"']);
    expect([...diff.querySelectorAll('del')].map((line) => line.textContent)).toEqual(['-    "react": "^19.0.0"']);
    expect(diff.querySelector('ins')).toHaveClass('bg-emerald-900/60');
    expect(diff.querySelector('del')).toHaveClass('bg-red-900/60');
    expect(diff.querySelectorAll('[data-kind="file"]')).toHaveLength(3);

    const output = within(attempt).getByText(/^Build output/).closest('details');
    expect(output).not.toHaveAttribute('open');
    expect(output).toHaveTextContent('built in 1.2s');

    expect(within(attempt).getByRole('link', { name: /Open pull request #12/ })).toHaveAttribute('href', 'https://github.com/acme/shop/pull/12');
    expect(within(attempt).getByRole('link', { name: 'See the redeployment' })).toHaveAttribute('href', `/projects/${PROJECT_ID}/deployments/${deployment(0).id}`);
  });

  it('retries recovery, and says why the server refused', async () => {
    const { server, user } = renderDetail({
      [`POST ${DEPLOYMENT}/recovery`]: [
        () => problem(409, 'Deployment has not failed', { type: 'https://nex7.dev/problems/deployment-not-failed', detail: 'A newer deployment of main is ready.' }),
        () => new Response(null, { status: 202 }),
      ],
    });

    await user.click(await screen.findByRole('button', { name: 'Retry recovery' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('A newer deployment of main is ready.');

    await user.click(screen.getByRole('button', { name: 'Retry recovery' }));
    expect(await screen.findByText(/Recovery started/)).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(server.calls(`POST ${DEPLOYMENT}/recovery`)).toHaveLength(2);
  });

  it('rolls back only after confirming, shows a refusal in the dialog, and links to the rollback', async () => {
    const redeploy = deployment(-1, { status: 'queued', trigger: 'rollback', commitSha: '0002abcdef0123456789abcdef0123456789abcd' });
    const { server, user } = renderDetail({
      [`POST ${DEPLOYMENT}/rollback`]: [
        () => problem(409, 'Nothing to restore', { type: 'https://nex7.dev/problems/nothing-to-restore', detail: 'No earlier deployment of main was ready.' }),
        () => json(202, redeploy),
      ],
    });

    await user.click(await screen.findByRole('button', { name: 'Roll back' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Roll back?' });
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    expect(server.calls(`POST ${DEPLOYMENT}/rollback`)).toHaveLength(0);

    await user.click(within(dialog).getByRole('button', { name: 'Roll back' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('No earlier deployment of main was ready.');

    await user.click(within(dialog).getByRole('button', { name: 'Roll back' }));
    expect(await screen.findByRole('link', { name: 'Follow the rollback' })).toHaveAttribute('href', `/projects/${PROJECT_ID}/deployments/${redeploy.id}`);
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(liveStatus()).toHaveTextContent('Rolling back: redeploying 0002abc.');
  });

  it('starts afresh when a link leads to another deployment', async () => {
    const redeploy = deployment(-1, { status: 'ready', trigger: 'rollback', commitMessage: 'Rolled back to change 2' });
    const other = `/api/deployments/${redeploy.id}`;
    const { user } = renderDetail({
      [`POST ${DEPLOYMENT}/rollback`]: () => json(202, redeploy),
      [`GET ${other}`]: () => json(200, redeploy),
      [`GET ${other}/log`]: () => json(200, { text: 'built', findings: [] }),
      [`GET ${other}/recovery`]: () => json(200, []),
    });
    await user.click(await screen.findByRole('button', { name: 'Roll back' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Roll back' }));

    await user.click(await screen.findByRole('link', { name: 'Follow the rollback' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Rolled back to change 2' })).toBeInTheDocument();
    expect(liveStatus()).not.toHaveTextContent('Rolling back');
    expect(screen.queryByRole('button', { name: 'Roll back' })).not.toBeInTheDocument();
  });

  it('offers retry and roll back to editors of failed deployments only', async () => {
    const { unmount } = renderDetail({}, 'viewer');
    await screen.findByRole('list', { name: 'Recovery attempts' });
    expect(screen.queryByRole('button', { name: 'Retry recovery' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Roll back' })).not.toBeInTheDocument();
    unmount();

    renderDetail({ [`GET ${DEPLOYMENT}`]: () => json(200, { ...failed, status: 'ready', rootCategory: undefined, rootCause: undefined }), [`GET ${DEPLOYMENT}/recovery`]: () => json(200, []) });
    expect(await screen.findByText('Nothing to recover: this deployment did not fail.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Retry recovery' })).not.toBeInTheDocument();
  });

  it('looks again while a fix is being proven, and stops once it is decided', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const { server } = renderDetail({
      [`GET ${DEPLOYMENT}/recovery`]: [
        () => json(200, [provenAttempt({ status: 'proving', diff: undefined, buildOutput: undefined, pullRequestUrl: undefined, redeploymentId: undefined })]),
        () => json(200, [provenAttempt()]),
      ],
    });
    const attempts = await screen.findByRole('list', { name: 'Recovery attempts' });
    expect(attempts).toHaveTextContent('Proving');
    expect(liveStatus()).toHaveTextContent('A fix is being proven');

    await act(() => vi.advanceTimersByTimeAsync(POLL_MILLIS));

    expect(await within(attempts).findByRole('link', { name: /Open pull request/ })).toBeInTheDocument();
    expect(server.calls(`GET ${DEPLOYMENT}/recovery`)).toHaveLength(2);
    await act(() => vi.advanceTimersByTimeAsync(POLL_MILLIS * 3));
    expect(server.calls(`GET ${DEPLOYMENT}/recovery`)).toHaveLength(2);
  });

  it("follows a running build's log as it is written, keeps to its end unless the reader scrolled up, and marks the findings once it ends", async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const running = { ...failed, status: 'building' as const, rootCategory: undefined, rootCause: undefined, finishedAt: undefined, durationMillis: undefined };
    const read = (text: string, cursor: string) => json(200, { text, findings: [], status: 'building', cursor, reset: false });
    const { server } = renderDetail({
      [`GET ${DEPLOYMENT}`]: [() => json(200, running), () => json(200, running), () => json(200, failed)],
      [`GET ${DEPLOYMENT}/recovery`]: () => json(200, []),
      [`GET ${DEPLOYMENT}/log`]: [
        () => read('$ npm run build\n> tsc -p .\n', '0.27'),
        () => read('compiling 1 of 2\n', '0.44'),
        () => read('compiling 2 of 2\n', '0.61'),
        // the build ended and its final log was stored: read whole again, with its findings
        () => json(200, { ...LOG, reset: true, cursor: `1.${LOG.text?.length ?? 0}` }),
      ],
    });
    const log = await screen.findByRole('region', { name: 'Log lines' });
    expect(log).toHaveTextContent('> tsc -p .');
    expect(liveStatus()).toHaveTextContent('The build is running');
    // jsdom lays nothing out: stand in for the box's size and scroll position.
    let scrollTop = 0;
    let scrollHeight = 500;
    Object.defineProperties(log, {
      scrollHeight: { configurable: true, get: () => scrollHeight },
      clientHeight: { configurable: true, get: () => 100 },
      scrollTop: { configurable: true, get: () => scrollTop, set: (value: number) => (scrollTop = value) },
    });

    await act(() => vi.advanceTimersByTimeAsync(LIVE_LOG_MILLIS));
    expect(await within(log).findByText('compiling 1 of 2')).toBeInTheDocument();
    expect(log).toHaveTextContent('$ npm run build');
    expect(scrollTop).toBe(500);

    scrollTop = 120; // the reader scrolls up to read
    fireEvent.scroll(log);
    scrollHeight = 520;
    await act(() => vi.advanceTimersByTimeAsync(LIVE_LOG_MILLIS));
    expect(await within(log).findByText('compiling 2 of 2')).toBeInTheDocument();
    expect(scrollTop).toBe(120);
    expect(log.querySelectorAll('mark')).toHaveLength(0);

    scrollTop = 420; // back at the end
    fireEvent.scroll(log);
    await act(() => vi.advanceTimersByTimeAsync(LIVE_LOG_MILLIS));
    await waitFor(() => expect(log.querySelectorAll('mark')).toHaveLength(2));
    expect(log.querySelector('#log-line-4 mark')).toHaveAttribute('data-kind', 'root');
    expect(log).not.toHaveTextContent('compiling 1 of 2');
    expect(screen.getByRole('list', { name: 'Findings' })).toBeInTheDocument();

    await act(() => vi.advanceTimersByTimeAsync(LIVE_LOG_MILLIS * 4));
    const reads = server.calls(`GET ${DEPLOYMENT}/log`).map((request) => new URL(request.url).searchParams.get('after'));
    expect(reads).toEqual([null, '0.27', '0.44', '0.61']);
  });

  it('says when the deployment does not exist', async () => {
    renderDetail({ [`GET ${DEPLOYMENT}`]: () => problem(404, 'Deployment not found'), [`GET ${DEPLOYMENT}/log`]: () => problem(404, 'Deployment not found'), [`GET ${DEPLOYMENT}/recovery`]: () => problem(404, 'Deployment not found') });
    expect(await screen.findByRole('heading', { name: 'Deployment not found' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '← Back to deployments' })).toHaveAttribute('href', `/projects/${PROJECT_ID}/deployments`);
  });
});
