import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiDelete, apiGet } from '../../api';
import { Button } from '../../components/Button';
import { localised, useFormat } from '../../i18n';
import { formatShortDateTime } from '../../../shared/i18n/format';

interface OpenInvite {
  id: string;
  role: 'member' | 'observer';
  createdBy: string;
  createdAt: string;
  expiresAt: string;
}

/**
 * The meeting's invite links still waiting to be used, each with a Withdraw button. The links themselves cannot be
 * shown: the server keeps only their hashes. `version` changes when a new invite is made, so the list reloads.
 */
export function OpenInvites({ meetingId, version }: { meetingId: string; version: number }) {
  const { t } = useTranslation('invite');
  const { lang } = useFormat();
  const [invites, setInvites] = useState<OpenInvite[] | null>(null);
  const [notice, setNotice] = useState('');
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState('');
  const noticeRef = useRef<HTMLParagraphElement>(null);
  const when = (iso: string) => formatShortDateTime(lang, iso, 'Europe/London');

  const load = async () => {
    try {
      setInvites((await apiGet<{ invites: OpenInvite[] }>(`/meetings/${meetingId}/invites`)).invites);
    } catch {
      setProblem(t('open.loadFailed'));
    }
  };
  useEffect(() => {
    void load();
    // A new invite (version) or another meeting: the list is read again.
  }, [meetingId, version]);
  useEffect(() => setNotice(''), [version]);

  const withdraw = async (invite: OpenInvite) => {
    setBusy(invite.id);
    setProblem('');
    try {
      await apiDelete(`/meetings/${meetingId}/invites/${encodeURIComponent(invite.id)}`);
      setNotice(t('open.withdrawn'));
    } catch (err) {
      setProblem(err instanceof Error ? localised(err.message) : t('open.loadFailed'));
    } finally {
      setBusy('');
      await load();
      // The row and its button are gone: keep the keyboard user's place on the message that says what happened.
      noticeRef.current?.focus();
    }
  };

  return (
    <div className="app-open-invites">
      <p className="govuk-body-s" role="status" tabIndex={-1} ref={noticeRef}>
        {notice}
      </p>
      {problem && (
        <p className="govuk-error-message" role="alert">
          {problem}
        </p>
      )}
      {invites && invites.length === 0 && <p className="govuk-body-s">{t('open.none')}</p>}
      {invites && invites.length > 0 && (
        <table className="govuk-table app-open-invites__table">
          <caption className="govuk-table__caption govuk-table__caption--s">{t('open.caption')}</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">{t('open.role')}</th>
              <th scope="col" className="govuk-table__header">{t('open.createdBy')}</th>
              <th scope="col" className="govuk-table__header">{t('open.createdAt')}</th>
              <th scope="col" className="govuk-table__header">{t('open.expiresAt')}</th>
              <th scope="col" className="govuk-table__header"><span className="govuk-visually-hidden">{t('open.action')}</span></th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {invites.map((invite) => (
              <tr className="govuk-table__row" key={invite.id}>
                <td className="govuk-table__cell">{invite.role === 'member' ? t('guest.member') : t('guest.observer')}</td>
                <td className="govuk-table__cell">{invite.createdBy}</td>
                <td className="govuk-table__cell">{when(invite.createdAt)}</td>
                <td className="govuk-table__cell">{when(invite.expiresAt)}</td>
                <td className="govuk-table__cell">
                  <Button variant="warning" small className="govuk-!-margin-bottom-0" disabled={busy === invite.id} onClick={() => void withdraw(invite)}>
                    {t('open.withdraw')}
                    <span className="govuk-visually-hidden"> {invite.role === 'member' ? t('open.withdrawMember', { when: when(invite.createdAt) }) : t('open.withdrawObserver', { when: when(invite.createdAt) })}</span>
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {invites && invites.length > 0 && <p className="govuk-body-s">{t('open.cannotShowAgain')}</p>}
    </div>
  );
}
