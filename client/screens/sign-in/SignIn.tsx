import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserView } from '../../../shared/api-types';
import { apiPost } from '../../api';
import { Button } from '../../components/Button';
import { ErrorSummary, errorFor, type FieldError } from '../../components/ErrorSummary';
import { TextInput } from '../../components/Field';

export function SignIn({ onSignedIn }: { onSignedIn(user: UserView): void }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const missing: FieldError[] = [];
    if (!email.trim()) missing.push({ href: 'sign-in-email', text: t('signIn.enterEmail') });
    if (!password) missing.push({ href: 'sign-in-password', text: t('signIn.enterPassword') });
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
          {t('signIn.heading')}
        </h1>
        <form onSubmit={submit} noValidate>
          <TextInput
            id="sign-in-email"
            label={t('signIn.email')}
            type="email"
            autoComplete="username"
            spellCheck={false}
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            error={errorFor(errors, 'sign-in-email')}
          />
          <TextInput
            id="sign-in-password"
            label={t('signIn.password')}
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={errorFor(errors, 'sign-in-password')}
            inputClass="govuk-!-width-two-thirds"
          />
          <Button type="submit" disabled={busy}>
            {busy ? t('signIn.busy') : t('signIn.submit')}
          </Button>
        </form>
      </section>
    </div>
  );
}
