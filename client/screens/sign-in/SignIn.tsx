import { useState, type FormEvent } from 'react';
import type { UserView } from '../../../shared/api-types';
import { apiPost } from '../../api';
import { Button } from '../../components/Button';
import { ErrorSummary, errorFor, type FieldError } from '../../components/ErrorSummary';
import { TextInput } from '../../components/Field';

export function SignIn({ onSignedIn }: { onSignedIn(user: UserView): void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const missing: FieldError[] = [];
    if (!email.trim()) missing.push({ href: 'sign-in-email', text: 'Enter your email address' });
    if (!password) missing.push({ href: 'sign-in-password', text: 'Enter your password' });
    setErrors(missing);
    if (missing.length) return;
    setBusy(true);
    try {
      const { user } = await apiPost<{ user: UserView }>('/session', { email, password });
      onSignedIn(user);
    } catch (err) {
      // The server does not say which of the two was wrong; the message goes with the email field.
      setErrors([{ href: 'sign-in-email', text: (err as Error).message }]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="govuk-grid-row">
      <section aria-labelledby="sign-in-heading" className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        <h1 id="sign-in-heading" className="govuk-heading-l" tabIndex={-1}>
          Sign in
        </h1>
        <form onSubmit={submit} noValidate>
          <TextInput
            id="sign-in-email"
            label="Email"
            type="email"
            autoComplete="username"
            spellCheck={false}
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            error={errorFor(errors, 'sign-in-email')}
          />
          <TextInput
            id="sign-in-password"
            label="Password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={errorFor(errors, 'sign-in-password')}
            inputClass="govuk-!-width-two-thirds"
          />
          <Button type="submit" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </Button>
        </form>
      </section>
    </div>
  );
}
