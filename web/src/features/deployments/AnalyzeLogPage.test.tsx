import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { alice, json, mockServer, problem } from '../../test/fetchMock';
import { renderAt } from '../../test/render';
import { me, signIn } from '../ai/testAi';
import { AnalyzeLogPage } from './AnalyzeLogPage';
import type { LogAnalysis } from './logsApi';

const LOG = [
  '▲ Next.js 16.4.6 (Turbopack)',
  '  Collecting page data using 1 worker ...',
  'Error: Failed to collect configuration for /',
  '  [cause]: Error [ZodError]: [',
  '      "DATABASE_URL"',
  '      at module evaluation (lib/env.ts:8:27)',
].join('\n');

const ANALYSIS: LogAnalysis = {
  root: 0,
  analyzedBytes: 212,
  findings: [
    { category: 'missing-env-var', tool: 'next', file: 'lib/env.ts', line: 8, column: 27, subject: 'DATABASE_URL', message: 'DATABASE_URL is missing or invalid', root: true, fixStrategy: 'add-env-var', severity: 'error', logLine: 5 },
    { category: 'nextjs-prerender', tool: 'next', file: 'lib/env.ts', line: 8, column: 27, subject: '/', message: 'Error: Failed to collect configuration for /', root: false, severity: 'error', logLine: 3 },
  ],
};

async function renderPage(routes: Parameters<typeof mockServer>[0]) {
  const server = mockServer({ ...me(alice), ...routes });
  await signIn();
  return { server, ...renderAt('/deployments/analyze', <AnalyzeLogPage />) };
}

describe('Deployments → analyze a log', () => {
  it('sends the pasted log as plain text and lists the findings, the root cause first', async () => {
    const { server, user } = await renderPage({ 'POST /api/logs/analyze': () => json(200, ANALYSIS) });

    fireEvent.change(screen.getByLabelText('Build log'), { target: { value: LOG } });
    await user.click(screen.getByRole('button', { name: 'Analyze' }));

    const findings = await screen.findByRole('list', { name: 'Findings' });
    const request = server.calls('POST /api/logs/analyze')[0];
    expect(request?.headers.get('Content-Type')).toMatch(/^text\/plain/);
    expect(await request?.text()).toBe(LOG);
    const items = within(findings).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveAccessibleName('Root cause');
    expect(items[0]).toHaveTextContent('Missing env var');
    expect(items[0]).toHaveTextContent('lib/env.ts:8:27');
    expect(items[0]).toHaveTextContent('DATABASE_URL');
    expect(items[0]).toHaveTextContent('add-env-var');
    expect(items[1]).toHaveTextContent('Next.js prerender');
    expect(items[1]).toHaveTextContent('left to a model-made fix');
    expect(within(items[1] as HTMLElement).getByRole('link', { name: 'line 3' })).toHaveAttribute('href', '#log-line-3');
  });

  it('shows the log with the lines of the findings marked, the root cause apart', async () => {
    const { user } = await renderPage({ 'POST /api/logs/analyze': () => json(200, ANALYSIS) });

    fireEvent.change(screen.getByLabelText('Build log'), { target: { value: LOG } });
    await user.click(screen.getByRole('button', { name: 'Analyze' }));

    const log = await screen.findByRole('region', { name: 'Log lines' });
    const marks = log.querySelectorAll('mark');
    expect(marks).toHaveLength(2);
    expect(log.querySelector('#log-line-5 mark')).toHaveAttribute('data-kind', 'root');
    expect(log.querySelector('#log-line-5')).toHaveTextContent('"DATABASE_URL"');
    expect(log.querySelector('#log-line-3 mark')).toHaveAttribute('data-kind', 'finding');
    expect(log.querySelector('#log-line-1 mark')).toBeNull();
  });

  it('reads a chosen log file into the box', async () => {
    const { user } = await renderPage({});

    await user.upload(screen.getByLabelText('Or choose a file'), new File(['npm error code E404\n'], 'build.log', { type: 'text/plain' }));

    expect(await screen.findByDisplayValue(/npm error code E404/)).toBeInTheDocument();
  });

  it('shows the problem the server answers with and keeps the log', async () => {
    const { user } = await renderPage({
      'POST /api/logs/analyze': () => problem(413, 'Request body too large', { detail: 'The request body is larger than the limit of 1048576 bytes.' }),
    });

    fireEvent.change(screen.getByLabelText('Build log'), { target: { value: 'x'.repeat(20) } });
    await user.click(screen.getByRole('button', { name: 'Analyze' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('larger than the limit of 1048576 bytes');
    expect(screen.getByLabelText('Build log')).toHaveValue('x'.repeat(20));
    expect(screen.queryByRole('list', { name: 'Findings' })).not.toBeInTheDocument();
  });

  it('does not send an empty log', async () => {
    await renderPage({});

    fireEvent.change(screen.getByLabelText('Build log'), { target: { value: '  \n ' } });

    expect(screen.getByRole('button', { name: 'Analyze' })).toBeDisabled();
  });
});
