import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, mockServer, problem } from '../../test/fetchMock';
import { renderAt } from '../../test/render';
import { RecoveryPolicySection } from './RecoveryPolicySection';
import { CALIBRATION, POLICY, PROJECT, PROJECT_ID, projectView } from './testDeployments';

const POLICY_PATH = `${PROJECT}/recovery-policy`;

function renderSection(routes: Parameters<typeof mockServer>[0], role: 'owner' | 'editor' | 'viewer' = 'owner') {
  const server = mockServer({
    [`GET ${POLICY_PATH}`]: () => json(200, POLICY),
    [`GET ${PROJECT}/recovery/calibration`]: () => json(200, CALIBRATION),
    ...routes,
  });
  return { server, ...renderAt(`/projects/${PROJECT_ID}`, <RecoveryPolicySection project={projectView(role)} />) };
}

describe('recovery policy section', () => {
  it('saves the policy an owner changed', async () => {
    const saved = { ...POLICY, threshold: 0.9, modelFixes: true, autoRollback: true, maxAttempts: 5 };
    const { server, user } = renderSection({ [`PUT ${POLICY_PATH}`]: () => json(200, saved) });

    const threshold = await screen.findByLabelText('Confidence threshold');
    expect(threshold).toHaveValue('0.8');
    fireEvent.change(threshold, { target: { value: '0.9' } });
    expect(screen.getByText('0.90 (90%)')).toBeInTheDocument();
    await user.click(screen.getByLabelText('Model-made fixes'));
    await user.click(screen.getByLabelText('Roll back automatically'));
    const attempts = screen.getByLabelText('Fixes tried per deployment');
    await user.clear(attempts);
    await user.type(attempts, '5');
    await user.click(screen.getByRole('button', { name: 'Save policy' }));

    expect(await screen.findByText('Recovery policy saved.')).toBeInTheDocument();
    await expect(server.calls(`PUT ${POLICY_PATH}`)[0]?.json()).resolves.toEqual(saved);
  });

  it('shows the field errors of a refused policy at their fields', async () => {
    const { server, user } = renderSection({
      [`PUT ${POLICY_PATH}`]: () => problem(400, 'Invalid request', { errors: [{ field: 'threshold', message: 'must be at least 0.5 while model fixes are on' }] }),
    });
    const attempts = await screen.findByLabelText('Fixes tried per deployment');

    await user.clear(attempts);
    await user.type(attempts, '11');
    await user.click(screen.getByRole('button', { name: 'Save policy' }));
    expect(attempts).toHaveAccessibleDescription('Enter a whole number from 1 to 10.');
    expect(server.calls(`PUT ${POLICY_PATH}`)).toHaveLength(0);

    await user.clear(attempts);
    await user.type(attempts, '2');
    await user.click(screen.getByRole('button', { name: 'Save policy' }));
    expect(await screen.findByText('must be at least 0.5 while model fixes are on')).toBeInTheDocument();
    expect(screen.getByLabelText('Confidence threshold')).toHaveAccessibleDescription('must be at least 0.5 while model fixes are on');
    expect(screen.queryByText('Recovery policy saved.')).not.toBeInTheDocument();
  });

  it('shows other members the policy without letting them change it', async () => {
    renderSection({}, 'editor');

    expect(await screen.findByLabelText('Recover failed deployments')).toBeDisabled();
    expect(screen.getByLabelText('Recover failed deployments')).toBeChecked();
    expect(screen.getByLabelText('Confidence threshold')).toBeDisabled();
    expect(screen.getByLabelText('Fixes tried per deployment')).toHaveValue(3);
    expect(screen.queryByRole('button', { name: 'Save policy' })).not.toBeInTheDocument();
  });

  it('lists how each strategy fared under the policy', async () => {
    renderSection({}, 'viewer');

    const table = await screen.findByRole('table', { name: 'How each kind of fix fared in this project' });
    const [, dependency, model] = within(table).getAllByRole('row');
    expect(within(dependency as HTMLElement).getAllByRole('cell').map((cell) => cell.textContent)).toEqual(['10', '9', '7', '1', '91%', '90%', '70%']);
    expect(within(dependency as HTMLElement).getByRole('rowheader')).toHaveTextContent('add-dependency');
    expect(within(model as HTMLElement).getAllByRole('cell').map((cell) => cell.textContent)).toEqual(['0', '0', '0', '4', '55%', '—', '—']);
  });
});
