/**
 * Sending the minutes to the agencies (chairs and coordinators): each chosen person gets their own agency's extract,
 * by a link that opens after sign-in (the default) or attached. Below: what was sent to whom, its delivery and when
 * each link was first opened, and any delivery problems with "Retry now".
 */
import { useCallback, useEffect, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { circulationDeliveries, type CirculationDelivery, type CirculationRecipientView, type CirculationView } from '../../../shared/circulation';
import { apiGet, apiPost } from '../../api';
import { Button } from '../../components/Button';
import { Checkboxes, Radios } from '../../components/Field';
import { ErrorSummary } from '../../components/ErrorSummary';
import { NotificationBanner } from '../../components/NotificationBanner';
import { Table, type Column } from '../../components/Table';
import { Tag } from '../../components/Tag';
import { useFormat } from '../../i18n';

/** How often the page asks again while it is open, so "opened" and deliveries appear without a reload. */
const refreshEveryMs = 15_000;

function DeliveryTag({ row }: { row: CirculationRecipientView }) {
  const { t } = useTranslation(['minutes']);
  const s = row.status;
  if (s.state === 'sent') return <Tag colour="green">{t('minutes:circulation.state.sent')}</Tag>;
  if (s.state === 'failed') return <Tag colour="red">{t('minutes:circulation.state.failed')}</Tag>;
  if (s.attempts > 0) return <Tag colour="orange">{t('minutes:circulation.state.retrying')}</Tag>;
  return <Tag colour="grey">{t('minutes:circulation.state.queued')}</Tag>;
}

/** What was sent, to whom, its delivery and when the link was first opened, in the reader's language. */
function useSentColumns(): Column<CirculationRecipientView>[] {
  const { t } = useTranslation(['minutes']);
  const { shortDateTime } = useFormat();
  const at = (iso: string | null) => (iso ? shortDateTime(iso) : '');
  return [
    { key: 'who', header: t('minutes:circulation.columns.recipient'), rowHeader: true, cell: (r) => t('minutes:circulation.recipient', { name: r.person.name, agency: r.agency }) },
    {
      key: 'what',
      header: t('minutes:circulation.columns.sent'),
      cell: (r) => t('minutes:circulation.sentCell', { version: r.version, how: t(`minutes:circulation.how.${r.delivery}`), when: at(r.createdAt) }),
    },
    {
      key: 'delivery',
      header: t('minutes:circulation.columns.delivery'),
      cell: (r) => (
        <>
          <DeliveryTag row={r} />
          {r.status.state === 'sent' && <span className="app-circulation__detail">{at(r.status.sentAt)}</span>}
          {r.status.state !== 'sent' && r.status.lastError && <span className="app-circulation__detail">{r.status.lastError}</span>}
        </>
      ),
    },
    {
      key: 'opened',
      header: t('minutes:circulation.columns.opened'),
      cell: (r) =>
        r.delivery !== 'link'
          ? t('minutes:circulation.attachedNotTracked')
          : r.firstOpenedAt
            ? t('minutes:circulation.opened', { when: at(r.firstOpenedAt), count: r.opens })
            : r.expiresAt && Date.parse(r.expiresAt) < Date.now()
              ? t('minutes:circulation.expired')
              : t('minutes:circulation.notOpened'),
    },
  ];
}

export function Circulation({ meetingId, version }: { meetingId: string; version: number }) {
  const { t } = useTranslation(['minutes', 'domain']);
  const { shortDateTime } = useFormat();
  const columns = useSentColumns();
  const [view, setView] = useState<CirculationView | null>(null);
  const [delivery, setDelivery] = useState<CirculationDelivery>('link');
  const [chosen, setChosen] = useState<string[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const load = useCallback(
    () =>
      apiGet<CirculationView>(`/meetings/${meetingId}/circulation?version=${version}`).then(
        (v) => {
          setView(v);
          // Everyone proposed is ticked until the coordinator unticks someone.
          setChosen((c) => c ?? v.plan.flatMap((a) => a.people.map((p) => p.id)));
        },
        (e: Error) => setError(e.message),
      ),
    [meetingId, version],
  );
  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), refreshEveryMs);
    return () => clearInterval(timer);
  }, [load]);

  if (!view || chosen === null) return null;

  async function send() {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const result = await apiPost<{ version: number; recipients: string[] }>(`/meetings/${meetingId}/circulation`, { version, delivery, personIds: chosen });
      setDone(t('minutes:circulation.beingSent', { version: result.version, count: result.recipients.length }));
      await load();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  async function retry() {
    setBusy(true);
    try {
      const { queued } = await apiPost<{ queued: number }>(`/meetings/${meetingId}/circulation/retry`, {});
      setDone(t('minutes:circulation.retried', { count: queued }));
      await load();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  const count = chosen.length;
  const lastSent = view.sent.length ? Math.max(...view.sent.map((r) => r.version)) : null;
  return (
    <section className="app-circulation" aria-labelledby="circulation-heading">
      <h2 id="circulation-heading" className="govuk-heading-m">
        {t('minutes:circulation.heading')}
      </h2>
      {error && <ErrorSummary errors={[{ href: 'circulation-delivery', text: error }]} />}
      {done && (
        <NotificationBanner type="success" id="circulation-done">
          {done}
        </NotificationBanner>
      )}
      {!view.configured ? (
        <div className="govuk-inset-text">
          {t('minutes:circulation.notConfigured', { version })}
        </div>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void send();
          }}
        >
          {lastSent !== null && lastSent !== version && (
            <div className="govuk-inset-text">
              {t('minutes:circulation.notSentYet', { version, last: lastSent })}
            </div>
          )}
          <p className="govuk-body">{t('minutes:circulation.eachPerson', { version })}</p>
          <Radios
            id="circulation-delivery"
            name="circulation-delivery"
            legend={t('minutes:circulation.howToSend')}
            value={delivery}
            onChange={(v) => setDelivery(v as CirculationDelivery)}
            choices={circulationDeliveries.map((d) => ({ value: d, label: t(`domain:circulationDelivery.${d}`), hint: t(`minutes:circulation.hints.${d}`) }))}
            small
          />
          {view.plan.map((agency, i) =>
            agency.people.length === 0 ? (
              <p className="govuk-body" key={agency.agency}>
                <Trans t={t} i18nKey="minutes:circulation.nobody" values={{ agency: agency.agency }} components={[<strong key="agency" />]} />
              </p>
            ) : (
              <Checkboxes
                key={agency.agency}
                id={`circulation-agency-${i}`}
                name={`circulation-agency-${i}`}
                legend={agency.agency}
                hint={[agency.present && t('minutes:circulation.present'), agency.hasActions && t('minutes:circulation.hasActions')].filter(Boolean).join(' · ')}
                choices={agency.people.map((p) => ({ value: p.id, label: p.name }))}
                values={chosen.filter((id) => agency.people.some((p) => p.id === id))}
                onChange={(values) => setChosen([...chosen.filter((id) => !agency.people.some((p) => p.id === id)), ...values])}
                small
              />
            ),
          )}
          <Button type="submit" disabled={busy || count === 0}>
            {count === 0 ? t('minutes:circulation.chooseSomeone') : t('minutes:circulation.send', { version, count })}
          </Button>
        </form>
      )}

      {view.problems.length > 0 && (
        <div className="app-circulation__problems">
          <h3 className="govuk-heading-s">{t('minutes:circulation.problems')}</h3>
          <ul className="govuk-list govuk-list--bullet">
            {view.problems.map((p) => (
              <li key={p.id}>
                {t('minutes:circulation.problem', {
                  name: p.person.name,
                  agency: p.agency,
                  error: p.status.lastError ?? t('minutes:circulation.notDelivered'),
                  state:
                    p.status.state === 'failed'
                      ? t('minutes:circulation.gaveUp', { count: p.status.attempts })
                      : t('minutes:circulation.nextTry', { attempt: p.status.attempts, when: p.status.nextAttemptAt ? shortDateTime(p.status.nextAttemptAt) : '' }),
                })}
              </li>
            ))}
          </ul>
          <Button variant="secondary" onClick={() => void retry()} disabled={busy}>
            {t('minutes:circulation.retry')}
          </Button>
        </div>
      )}

      {view.sent.length > 0 && (
        <>
          <Table caption={t('minutes:circulation.sent')} captionClass="govuk-table__caption--s" columns={columns} rows={view.sent} rowKey={(r) => r.id} compact />
          <Button variant="secondary" small onClick={() => void load()}>
            {t('minutes:circulation.refresh')}
          </Button>
        </>
      )}
    </section>
  );
}
