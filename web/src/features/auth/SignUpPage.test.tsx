import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { alice, json, mockServer, problem, tokens } from '../../test/fetchMock';
import { renderAt } from '../../test/render';
import { SignUpPage } from './SignUpPage';

async function fillAndSubmit(user: ReturnType<typeof renderAt>['user']) {
  await user.type(screen.getByLabelText('Name'), 'Alice Example');
  await user.type(screen.getByLabelText('Email'), 'alice@example.com');
  await user.type(screen.getByLabelText('Password'), 'password1234');
  await user.click(screen.getByRole('button', { name: 'Create account' }));
}

describe('sign-up form', () => {
  it("shows the server's field error next to the password field", async () => {
    const server = mockServer({
      'POST /api/auth/register': () =>
        problem(400, 'Validation failed', { errors: [{ field: 'password', message: 'This password is too common.' }] }),
    });
    const { user } = renderAt('/signup', <SignUpPage />);

    await fillAndSubmit(user);

    const password = screen.getByLabelText('Password');
    await waitFor(() => expect(password).toHaveAccessibleDescription('This password is too common.'));
    expect(password).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Email')).not.toHaveAttribute('aria-invalid');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    await expect(server.calls('POST /api/auth/register')[0]?.json()).resolves.toEqual({
      email: 'alice@example.com',
      password: 'password1234',
      name: 'Alice Example',
    });
  });

  it('shows a problem that concerns no field in an alert above the form', async () => {
    mockServer({ 'POST /api/auth/register': () => problem(503, 'Service Unavailable', { detail: 'Try again in a minute.' }) });
    const { user } = renderAt('/signup', <SignUpPage />);

    await fillAndSubmit(user);

    expect(await screen.findByRole('alert')).toHaveTextContent('Try again in a minute.');
  });

  it('shows "email taken" on the email field', async () => {
    mockServer({ 'POST /api/auth/register': () => problem(409, 'Conflict', { detail: 'An account with this email already exists.' }) });
    const { user } = renderAt('/signup', <SignUpPage />);

    await fillAndSubmit(user);

    await waitFor(() => expect(screen.getByLabelText('Email')).toHaveAccessibleDescription('An account with this email already exists.'));
  });

  it('signs in automatically after signing up and goes to the projects', async () => {
    const server = mockServer({
      'POST /api/auth/register': () => json(201, alice),
      'POST /api/auth/login': () => json(200, tokens('access-1')),
      'GET /api/me': () => json(200, alice),
    });
    const { user } = renderAt('/signup', <SignUpPage />);

    await fillAndSubmit(user);

    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/projects'));
    await expect(server.calls('POST /api/auth/login')[0]?.json()).resolves.toEqual({ email: 'alice@example.com', password: 'password1234' });
  });
});
