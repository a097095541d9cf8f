import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { authLimits } from '../../../shared/limits';
import { apiPost } from '../../api';
import { Button } from '../../components/Button';
import { ErrorSummary, errorFor, type FieldError } from '../../components/ErrorSummary';
import { Radios, TextInput } from '../../components/Field';
import { NotificationBanner } from '../../components/NotificationBanner';
import { useFormat } from '../../i18n';
import { formatShortDateTime } from '../../../shared/i18n/format';
import { errorsFrom, fieldId } from '../series/form-errors';
import { OpenInvites } from './OpenInvites';

type GuestRole = 'member' | 'observer';
interface Invite {
  path: string;
  role: GuestRole;
  expiresAt: string;
}

// Control ids are the form name plus the server's field path, so a 422's per-field message lands on its control.
const FORM = 'invite';
const roleId = fieldId(FORM, 'role');
const ttlDays = Math.round(authLimits.inviteTtlMs / 86_400_000);


/**
 * A single-use link that makes whoever opens it (after signing in) a guest of this one meeting. Offered to those the
 * server lets invite (its `invite` ability: chair and coordinator). The link is shown once: only its hash is stored.
 */
export function InviteGuest({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation('invite');
  const { lang } = useFormat();
  const roleChoices = [
    { value: 'member', label: t('guest.member'), hint: t('guest.memberHint') },
    { value: 'observer', label: t('guest.observer'), hint: t('guest.observerHint') },
  ];
  const [role, setRole] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [invite, setInvite] = useState<Invite | null>(null);
  const [copied, setCopied] = useState('');
  const [busy, setBusy] = useState(false);
  const [made, setMade] = useState(0);
  const linkId = `${FORM}-link`;
  const link = invite ? `${window.location.origin}${invite.path}` : '';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!role) {
      setErrors([{ href: roleId, text: t('guest.noRole') }]);
      return;
    }
    setBusy(true);
    try {
      const body = await apiPost<{ invite: Invite }>(`/meetings/${meetingId}/invites`, { role });
      setInvite(body.invite);
      setErrors([]);
      setCopied('');
      setRole('');
      setMade((n) => n + 1);
    } catch (err) {
      setErrors(errorsFrom(err, FORM, roleId));
    } finally {
      setBusy(false);
    }
  };

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
    } catch {
      // No clipboard permission (or an older browser): select the link so Ctrl+C copies it.
      (document.getElementById(linkId) as HTMLInputElement | null)?.select();
      setCopied(t('guest.copyByHand'));
      return;
    }
    setCopied(t('guest.copied'));
  };

  return (
    <details className="govuk-details app-invite-guest">
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">{t('guest.open')}</span>
      </summary>
      <div className="govuk-details__text">
        {invite && (
          <NotificationBanner type="success" id="invite-made" title={t('guest.ready')}>
            <p className="govuk-notification-banner__heading">{invite.role === 'member' ? t('guest.madeMember') : t('guest.madeObserver')}</p>
            <TextInput id={linkId} label={t('guest.link')} labelClass="govuk-label--s" value={link} readOnly spellCheck={false} onFocus={(e) => e.currentTarget.select()} />
            <Button variant="secondary" small onClick={() => void copy()} aria-describedby={linkId}>
              {t('guest.copy')}
            </Button>
            <p className="govuk-body-s" aria-live="polite">
              {copied}
            </p>
            <p className="govuk-body-s app-invite-guest__expiry">{t('guest.expires', { date: formatShortDateTime(lang, invite.expiresAt, 'Europe/London') })}</p>
          </NotificationBanner>
        )}
        <form onSubmit={submit} noValidate aria-label={t('guest.formLabel')}>
          <ErrorSummary errors={errors} />
          <p className="govuk-body-s">{t('guest.intro', { days: ttlDays })}</p>
          <Radios
            id={roleId}
            name="invite-role"
            legend={t('guest.legend')}
            small
            choices={roleChoices}
            value={role}
            onChange={setRole}
            error={errorFor(errors, roleId)}
          />
          <Button type="submit" small disabled={busy}>
            {t('guest.create')}
          </Button>
        </form>
        <OpenInvites meetingId={meetingId} version={made} />
      </div>
    </details>
  );
}
