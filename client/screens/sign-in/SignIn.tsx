import { useState, type FormEvent } from 'react';
import type { UserView } from '../../../shared/api-types';
import { apiPost } from '../../api';

export function SignIn({ onSignedIn }: { onSignedIn(user: UserView): void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { user } = await apiPost<{ user: UserView }>('/session', { email, password });
      onSignedIn(user);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="sign-in-heading" className="sign-in">
      <h1 id="sign-in-heading" tabIndex={-1}>
        Sign in
      </h1>
      <form onSubmit={submit} className="stack">
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <label>
          Email
          <input type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} required />
        </label>
        <label>
          Password
          <input type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </label>
        <button type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </section>
  );
}
