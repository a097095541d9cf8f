/** A person's own settings: for now, whether they get the daily digest of their actions. */
import { useEffect, useState } from 'react';
import type { PreferencesView } from '../../../shared/reminders';
import { apiGet, apiPatch } from '../../api';
import { Button } from '../../components/Button';
import { SingleCheckbox } from '../../components/Field';
import { NotificationBanner } from '../../components/NotificationBanner';
import { useSession } from '../../session';

export function AccountPage() {
  const session = useSession();
  const [prefs, setPrefs] = useState<PreferencesView | null>(null);
  const [digests, setDigests] = useState(true);
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    apiGet<PreferencesView>('/me/preferences').then(
      (p) => {
        setPrefs(p);
        setDigests(p.digests);
      },
      (e: Error) => setError(e.message),
    );
  }, []);

  async function save() {
    setSaved(null);
    setError(null);
    try {
      const p = await apiPatch<PreferencesView>('/me/preferences', { digests });
      setPrefs(p);
      setSaved(p.digests ? 'You will get a daily digest when you have actions due.' : 'You will no longer get daily digests.');
    } catch (e) {
      setError((e as Error).message);
    }
  }

  return (
    <section aria-labelledby="account-heading">
      <h1 id="account-heading" className="govuk-heading-l" tabIndex={-1}>
        Your account
      </h1>
      {saved && <NotificationBanner type="success">{saved}</NotificationBanner>}
      {error && (
        <p className="govuk-error-message" role="alert">
          {error}
        </p>
      )}
      {session && (
        <p className="govuk-body">
          {session.user.name}, {session.user.agency.name} ({session.user.email})
        </p>
      )}
      {prefs && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <h2 className="govuk-heading-m">Email reminders</h2>
          <SingleCheckbox
            id="digests"
            label="Email me a daily digest of my actions due within 3 days or overdue"
            hint="Sent once a day while you own actions that are due soon or late. It lists case references and dates, not case details. Escalations to agency leads are sent whatever you choose here."
            checked={digests}
            onChange={setDigests}
          />
          <Button type="submit" className="govuk-!-margin-top-4">
            Save
          </Button>
        </form>
      )}
    </section>
  );
}
