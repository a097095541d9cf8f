import { useState, type FormEvent } from 'react';
import { authLimits } from '../../../shared/limits';
import { apiPost } from '../../api';
import { Button } from '../../components/Button';
import { ErrorSummary, errorFor, type FieldError } from '../../components/ErrorSummary';
import { Radios, TextInput } from '../../components/Field';
import { NotificationBanner } from '../../components/NotificationBanner';
import { formatDayTime } from '../../format';
import { errorsFrom, fieldId } from '../series/form-errors';

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

const roleChoices = [
  { value: 'member', label: 'Member', hint: 'Reads and writes in this meeting: notes, their agency’s contribution and actions. Cannot change the agenda or record decisions.' },
  { value: 'observer', label: 'Observer', hint: 'Reads this meeting only; nothing they type is kept.' },
];
const roleLabel = (role: GuestRole) => (role === 'member' ? 'a member' : 'an observer');

/**
 * A single-use link that makes whoever opens it (after signing in) a guest of this one meeting. Offered to those the
 * server lets invite (its `invite` ability: chair and coordinator). The link is shown once: only its hash is stored.
 */
export function InviteGuest({ meetingId }: { meetingId: string }) {
  const [role, setRole] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [invite, setInvite] = useState<Invite | null>(null);
  const [copied, setCopied] = useState('');
  const [busy, setBusy] = useState(false);
  const linkId = `${FORM}-link`;
  const link = invite ? `${window.location.origin}${invite.path}` : '';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!role) {
      setErrors([{ href: roleId, text: 'Select what the guest may do in this meeting' }]);
      return;
    }
    setBusy(true);
    try {
      const body = await apiPost<{ invite: Invite }>(`/meetings/${meetingId}/invites`, { role });
      setInvite(body.invite);
      setErrors([]);
      setCopied('');
      setRole('');
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
      setCopied('Select the link and copy it (Ctrl+C)');
      return;
    }
    setCopied('Link copied');
  };

  return (
    <details className="govuk-details app-invite-guest">
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">Invite a guest</span>
      </summary>
      <div className="govuk-details__text">
        {invite && (
          <NotificationBanner type="success" id="invite-made" title="Invite link ready">
            <p className="govuk-notification-banner__heading">Send this link to the guest: it makes them {roleLabel(invite.role)} of this meeting.</p>
            <TextInput id={linkId} label="Invite link" labelClass="govuk-label--s" value={link} readOnly spellCheck={false} onFocus={(e) => e.currentTarget.select()} />
            <Button variant="secondary" small onClick={() => void copy()} aria-describedby={linkId}>
              Copy the link
            </Button>
            <p className="govuk-body-s" aria-live="polite">
              {copied}
            </p>
            <p className="govuk-body-s">
              Works once. Expires <strong>{formatDayTime(invite.expiresAt)}</strong> (UK time).
            </p>
          </NotificationBanner>
        )}
        <form onSubmit={submit} noValidate aria-label="Invite a guest">
          <ErrorSummary errors={errors} />
          <p className="govuk-body-s">
            The guest signs in with their own account and opens the link. It works once, for this meeting only, and
            expires after {ttlDays} days.
          </p>
          <Radios
            id={roleId}
            name="invite-role"
            legend="What may the guest do?"
            small
            choices={roleChoices}
            value={role}
            onChange={setRole}
            error={errorFor(errors, roleId)}
          />
          <Button type="submit" small disabled={busy}>
            Create invite link
          </Button>
        </form>
      </div>
    </details>
  );
}
