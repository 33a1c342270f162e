import { useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import type { Problem } from '../../api/client';
import { asProblem, fieldErrors, formAlert } from '../../api/problem';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { TextField } from '../../ui/fields';
import { AuthLayout, linkClass } from './AuthLayout';
import { redirectTarget } from './redirect';
import { session } from './session';

const FIELDS = ['email', 'password'] as const;

export function SignInPage() {
  const navigate = useNavigate();
  const location = useLocation();
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
      await session.login(email, password);
      navigate(redirectTarget(location.state), { replace: true });
    } catch (error) {
      const p = asProblem(error);
      setProblem(p.status === 401 ? { ...p, detail: 'Incorrect email or password.' } : p);
      setBusy(false);
    }
  }

  return (
    <AuthLayout
      title="Sign in"
      subtitle="Welcome back to NEX7."
      footer={
        <>
          New to NEX7?{' '}
          <Link to="/signup" state={location.state} className={linkClass}>
            Create an account
          </Link>
        </>
      }
    >
      <form onSubmit={onSubmit} noValidate className="space-y-4">
        {alert && <Alert>{alert}</Alert>}
        <TextField label="Email" name="email" type="email" autoComplete="email" required autoFocus value={email} onChange={(e) => setEmail(e.target.value)} error={errors.email} />
        <TextField label="Password" name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} error={errors.password} />
        <Button type="submit" className="w-full" busy={busy}>
          Sign in
        </Button>
      </form>
    </AuthLayout>
  );
}
