import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, mockServer, noContent, problem } from '../../test/fetchMock';
import { renderAt } from '../../test/render';
import { LocalTargetSection } from './LocalTargetSection';
import { LOCAL_TARGET, PROJECT, PROJECT_ID, projectView } from './testDeployments';

const TARGET = `${PROJECT}/local-target`;
const ENVIRONMENT = `${TARGET}/environment`;
const noVariables = () => json(200, []);
const notLinked = () => problem(404, 'No local target linked', { type: 'https://nex7.dev/problems/local-target-not-linked' });

function renderSection(routes: Parameters<typeof mockServer>[0], role: 'owner' | 'editor' | 'viewer' = 'owner') {
  const server = mockServer(routes);
  return { server, ...renderAt(`/projects/${PROJECT_ID}`, <LocalTargetSection project={projectView(role)} />) };
}

describe('local deployment target section', () => {
  it('links a repository with its commands and shows the target', async () => {
    const { server, user } = renderSection({ [`GET ${TARGET}`]: notLinked, [`PUT ${TARGET}`]: () => json(200, LOCAL_TARGET) });

    expect(await screen.findByText('No local target linked.')).toBeInTheDocument();
    await user.type(screen.getByLabelText('Repository'), '/srv/git/shop');
    await user.type(screen.getByLabelText('Install command'), 'npm ci');
    await user.type(screen.getByLabelText('Build command'), 'npm run build');
    await user.click(screen.getByRole('button', { name: 'Link target' }));

    expect(await screen.findByText('/srv/git/shop')).toBeInTheDocument();
    expect(screen.getByText('Deploys new commits').nextSibling).toHaveTextContent('Yes');
    await expect(server.calls(`PUT ${TARGET}`)[0]?.json()).resolves.toEqual({ repository: '/srv/git/shop', installCommand: 'npm ci', buildCommand: 'npm run build', watch: true });
  });

  it('shows the field errors of a refused link at their fields', async () => {
    const { user } = renderSection({
      [`GET ${TARGET}`]: notLinked,
      [`PUT ${TARGET}`]: () =>
        problem(400, 'Invalid request', {
          errors: [
            { field: 'repository', message: 'must be an absolute path or a URL' },
            { field: 'buildCommand', message: 'must not contain a line break' },
          ],
        }),
    });
    await screen.findByText('No local target linked.');

    await user.type(screen.getByLabelText('Repository'), 'shop');
    await user.type(screen.getByLabelText('Build command'), 'npm run build');
    await user.click(screen.getByRole('button', { name: 'Link target' }));

    const repository = screen.getByLabelText('Repository');
    expect(await screen.findByText('must be an absolute path or a URL')).toBeInTheDocument();
    expect(repository).toHaveAttribute('aria-invalid', 'true');
    expect(repository).toHaveAccessibleDescription('must be an absolute path or a URL');
    expect(screen.getByLabelText('Build command')).toHaveAccessibleDescription('must not contain a line break');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('asks for the repository and build command before sending, and puts an unreadable repository at its field', async () => {
    const { server, user } = renderSection({
      [`GET ${TARGET}`]: notLinked,
      [`PUT ${TARGET}`]: () => problem(422, 'Repository unreadable', { type: 'https://nex7.dev/problems/local-target-unreadable', detail: '/srv/git/nope is not a git repository.' }),
    });
    await screen.findByText('No local target linked.');

    await user.click(screen.getByRole('button', { name: 'Link target' }));
    expect(screen.getByLabelText('Repository')).toHaveAccessibleDescription('Enter the repository path or URL.');
    expect(screen.getByLabelText('Build command')).toHaveAccessibleDescription('Enter the command that builds the project.');
    expect(server.calls(`PUT ${TARGET}`)).toHaveLength(0);

    await user.type(screen.getByLabelText('Repository'), '/srv/git/nope');
    await user.type(screen.getByLabelText('Build command'), 'make');
    await user.click(screen.getByRole('button', { name: 'Link target' }));
    expect(await screen.findByText('/srv/git/nope is not a git repository.')).toBeInTheDocument();
    expect(screen.getByLabelText('Repository')).toHaveAccessibleDescription('/srv/git/nope is not a git repository.');
  });

  it('tests the target and shows the head commit of its branch', async () => {
    const { user } = renderSection({
      [`GET ${TARGET}`]: () => json(200, LOCAL_TARGET),
      [`GET ${ENVIRONMENT}`]: noVariables,
      [`POST ${TARGET}/test`]: () => json(200, { branch: 'main', headSha: '89abcdef0123456789abcdef0123456789abcdef', headMessage: 'Add the cart' }),
    });

    await user.click(await screen.findByRole('button', { name: 'Test target' }));

    expect(await screen.findByText(/The head of main is/)).toHaveTextContent('The head of main is 89abcde: Add the cart');
  });

  it('unlinks after confirming', async () => {
    const { server, user } = renderSection({ [`GET ${TARGET}`]: () => json(200, LOCAL_TARGET), [`GET ${ENVIRONMENT}`]: noVariables, [`DELETE ${TARGET}`]: () => noContent() });

    await user.click(await screen.findByRole('button', { name: 'Unlink' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Unlink the local target?' });
    expect(server.calls(`DELETE ${TARGET}`)).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Unlink' }));

    expect(await screen.findByText('No local target linked.')).toBeInTheDocument();
    expect(server.calls(`DELETE ${TARGET}`)).toHaveLength(1);
  });

  it('shows members other than owners the target without its controls, and viewers no environment', async () => {
    renderSection({ [`GET ${TARGET}`]: () => json(200, LOCAL_TARGET) }, 'viewer');

    expect(await screen.findByText('/srv/git/shop')).toBeInTheDocument();
    expect(screen.getByText('npm run build')).toBeInTheDocument();
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
    expect(screen.queryByText('Environment variables')).not.toBeInTheDocument();
  });

  it('lists the environment variables by name to editors, adds one from a password field and deletes one', async () => {
    const { server, user } = renderSection(
      {
        [`GET ${TARGET}`]: () => json(200, LOCAL_TARGET),
        [`GET ${ENVIRONMENT}`]: () => json(200, [{ name: 'NODE_ENV', updatedAt: '2026-11-20T09:00:00Z' }]),
        [`PUT ${ENVIRONMENT}/API_URL`]: () => json(200, { name: 'API_URL', updatedAt: '2026-11-21T09:00:00Z' }),
        [`DELETE ${ENVIRONMENT}/NODE_ENV`]: () => noContent(),
      },
      'editor',
    );

    const list = await screen.findByRole('list', { name: 'Environment variables' });
    expect(within(list).getByText('NODE_ENV')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Test target' })).not.toBeInTheDocument();
    const value = screen.getByLabelText('Value');
    expect(value).toHaveAttribute('type', 'password');
    await user.type(screen.getByLabelText('Name'), 'API_URL');
    await user.type(value, 'https://api.shop.test');
    await user.click(screen.getByRole('button', { name: 'Add variable' }));

    expect(await within(list).findByText('API_URL')).toBeInTheDocument();
    await expect(server.calls(`PUT ${ENVIRONMENT}/API_URL`)[0]?.json()).resolves.toEqual({ value: 'https://api.shop.test' });
    expect(screen.getByLabelText('Value')).toHaveValue('');
    expect(screen.queryByText('https://api.shop.test')).not.toBeInTheDocument();

    await user.click(within(list).getByRole('button', { name: 'Delete NODE_ENV' }));
    await user.click(within(screen.getByRole('alertdialog', { name: 'Delete NODE_ENV?' })).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(within(list).queryByText('NODE_ENV')).not.toBeInTheDocument());
    expect(server.calls(`DELETE ${ENVIRONMENT}/NODE_ENV`)).toHaveLength(1);
  });

  it('checks a variable name before sending and shows the server refusing a value at its field', async () => {
    const { server, user } = renderSection(
      {
        [`GET ${TARGET}`]: () => json(200, LOCAL_TARGET),
        [`GET ${ENVIRONMENT}`]: noVariables,
        [`PUT ${ENVIRONMENT}/BIG`]: () => problem(400, 'Invalid request', { errors: [{ field: 'value', message: 'must be text of at most 32768 bytes without NUL characters' }] }),
      },
      'owner',
    );
    expect(await screen.findByText('No variables set.')).toBeInTheDocument();

    await user.type(screen.getByLabelText('Name'), '1-BAD');
    await user.type(screen.getByLabelText('Value'), 'x');
    await user.click(screen.getByRole('button', { name: 'Add variable' }));
    expect(screen.getByLabelText('Name')).toHaveAccessibleDescription('Use letters, digits and underscores, not starting with a digit.');
    expect(server.requests.filter((request) => request.method === 'PUT')).toHaveLength(0);

    await user.clear(screen.getByLabelText('Name'));
    await user.type(screen.getByLabelText('Name'), 'BIG');
    await user.click(screen.getByRole('button', { name: 'Add variable' }));
    expect(await screen.findByText('must be text of at most 32768 bytes without NUL characters')).toBeInTheDocument();
    expect(screen.getByLabelText('Value')).toHaveAccessibleDescription('must be text of at most 32768 bytes without NUL characters');
  });

  it('says when the server allows no local targets', async () => {
    renderSection({ [`GET ${TARGET}`]: () => problem(403, 'Local targets disabled', { type: 'https://nex7.dev/problems/local-targets-disabled', detail: 'Local deployment targets are turned off on this server.' }) });

    expect(await screen.findByText('Local deployment targets are turned off on this server.')).toBeInTheDocument();
    expect(screen.queryByLabelText('Repository')).not.toBeInTheDocument();
  });
});
