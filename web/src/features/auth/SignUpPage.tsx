import { useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import type { Problem } from '../../api/client';
import { asProblem, fieldErrors, formAlert, unwrap } from '../../api/problem';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { TextField } from '../../ui/fields';
import { AuthLayout, linkClass } from './AuthLayout';
import { redirectTarget } from './redirect';
import { api, session } from './session';

const FIELDS = ['email', 'password', 'name'] as const;

export function SignUpPage() {
  const navigate = useNavigate();
  const location = useLocation();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = fieldErrors(problem);
  const alert = formAlert(problem, FIELDS);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      unwrap(await api.POST('/api/auth/register', { body: { email, password, name } }));
      await session.login(email, password);
      navigate(redirectTarget(location.state), { replace: true });
    } catch (error) {
      const p = asProblem(error);
      setProblem(p.status === 409 && !p.errors?.length ? { ...p, errors: [{ field: 'email', message: p.detail ?? 'This email is already registered.' }] } : p);
      setBusy(false);
    }
  }

  return (
    <AuthLayout
      title="Create your account"
      subtitle="Start building with NEX7 in a minute."
      footer={
        <>
          Already have an account?{' '}
          <Link to="/signin" state={location.state} className={linkClass}>
            Sign in
          </Link>
        </>
      }
    >
      <form onSubmit={onSubmit} noValidate className="space-y-4">
        {alert && <Alert>{alert}</Alert>}
        <TextField label="Name" name="name" autoComplete="name" required autoFocus value={name} onChange={(e) => setName(e.target.value)} error={errors.name} />
        <TextField label="Email" name="email" type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} error={errors.email} />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={12}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={errors.password}
          hint="At least 12 characters. Avoid common passwords."
        />
        <Button type="submit" className="w-full" busy={busy}>
          Create account
        </Button>
      </form>
    </AuthLayout>
  );
}
