/**
 * Sending the minutes to the agencies (chairs and coordinators): each chosen person gets their own agency's extract,
 * by a link that opens after sign-in (the default) or attached. Below: what was sent to whom, its delivery and when
 * each link was first opened, and any delivery problems with "Retry now".
 */
import { useCallback, useEffect, useState } from 'react';
import { circulationDeliveryLabels, type CirculationDelivery, type CirculationRecipientView, type CirculationView } from '../../../shared/circulation';
import { apiGet, apiPost } from '../../api';
import { Button } from '../../components/Button';
import { Checkboxes, Radios } from '../../components/Field';
import { ErrorSummary } from '../../components/ErrorSummary';
import { NotificationBanner } from '../../components/NotificationBanner';
import { Table, type Column } from '../../components/Table';
import { Tag } from '../../components/Tag';

const when = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
const at = (iso: string | null) => (iso ? when.format(new Date(iso)) : '');
/** How often the page asks again while it is open, so "opened" and deliveries appear without a reload. */
const refreshEveryMs = 15_000;

const deliveryHints: Record<CirculationDelivery, string> = {
  link: 'Recommended. The email holds no case details; the extract opens only for that person after they sign in, for 7 days.',
  docx: 'The extract is attached to the email as a Word document.',
  pdf: 'The extract is attached to the email as a PDF.',
};

function DeliveryTag({ row }: { row: CirculationRecipientView }) {
  const s = row.status;
  if (s.state === 'sent') return <Tag colour="green">Sent</Tag>;
  if (s.state === 'failed') return <Tag colour="red">Failed</Tag>;
  if (s.attempts > 0) return <Tag colour="orange">Retrying</Tag>;
  return <Tag colour="grey">Queued</Tag>;
}

const columns: Column<CirculationRecipientView>[] = [
  { key: 'who', header: 'Recipient', rowHeader: true, cell: (r) => `${r.person.name}, ${r.agency}` },
  { key: 'what', header: 'Sent', cell: (r) => `Version ${r.version}, ${r.delivery === 'link' ? 'link' : `${r.delivery === 'pdf' ? 'PDF' : 'Word'} attached`}, ${at(r.createdAt)}` },
  {
    key: 'delivery',
    header: 'Delivery',
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
    header: 'Link opened',
    cell: (r) =>
      r.delivery !== 'link'
        ? 'Attached: not tracked'
        : r.firstOpenedAt
          ? `Opened ${at(r.firstOpenedAt)}${r.opens > 1 ? ` (${r.opens} times)` : ''}`
          : r.expiresAt && Date.parse(r.expiresAt) < Date.now()
            ? 'Link expired unopened'
            : 'Not opened yet',
  },
];

export function Circulation({ meetingId, version }: { meetingId: string; version: number }) {
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
      setDone(`Version ${result.version} is being sent to ${result.recipients.length} ${result.recipients.length === 1 ? 'person' : 'people'}.`);
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
      setDone(`${queued} ${queued === 1 ? 'email' : 'emails'} queued to be tried again now.`);
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
        Send to agencies
      </h2>
      {error && <ErrorSummary errors={[{ href: 'circulation-delivery', text: error }]} />}
      {done && (
        <NotificationBanner type="success" id="circulation-done">
          {done}
        </NotificationBanner>
      )}
      {!view.configured ? (
        <div className="govuk-inset-text">
          Sending by email is not configured on this server. Download each agency’s extract under “Download version {version}” (choose the agency in “Copy for”) and send it yourself.
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
              Version {version} has not been sent yet: the agencies were last sent version {lastSent}.
            </div>
          )}
          <p className="govuk-body">Each person gets only their own agency’s extract of version {version}: the items their agency was party to and its own actions.</p>
          <Radios
            id="circulation-delivery"
            name="circulation-delivery"
            legend="How to send it"
            value={delivery}
            onChange={(v) => setDelivery(v as CirculationDelivery)}
            choices={(Object.keys(circulationDeliveryLabels) as CirculationDelivery[]).map((d) => ({ value: d, label: circulationDeliveryLabels[d], hint: deliveryHints[d] }))}
            small
          />
          {view.plan.map((agency, i) =>
            agency.people.length === 0 ? (
              <p className="govuk-body" key={agency.agency}>
                <strong>{agency.agency}</strong>: nobody from this agency is a member of the series, so there is no one to send its extract to.
              </p>
            ) : (
              <Checkboxes
                key={agency.agency}
                id={`circulation-agency-${i}`}
                name={`circulation-agency-${i}`}
                legend={agency.agency}
                hint={[agency.present && 'Present at the meeting', agency.hasActions && 'Has actions'].filter(Boolean).join(' · ')}
                choices={agency.people.map((p) => ({ value: p.id, label: p.name }))}
                values={chosen.filter((id) => agency.people.some((p) => p.id === id))}
                onChange={(values) => setChosen([...chosen.filter((id) => !agency.people.some((p) => p.id === id)), ...values])}
                small
              />
            ),
          )}
          <Button type="submit" disabled={busy || count === 0}>
            {count === 0 ? 'Choose someone to send to' : `Send version ${version} to ${count} ${count === 1 ? 'person' : 'people'}`}
          </Button>
        </form>
      )}

      {view.problems.length > 0 && (
        <div className="app-circulation__problems">
          <h3 className="govuk-heading-s">Delivery problems</h3>
          <ul className="govuk-list govuk-list--bullet">
            {view.problems.map((p) => (
              <li key={p.id}>
                {p.person.name} ({p.agency}): {p.status.lastError ?? 'not delivered'} — {p.status.state === 'failed' ? `gave up after ${p.status.attempts} attempts` : `attempt ${p.status.attempts}, next try ${at(p.status.nextAttemptAt)}`}
              </li>
            ))}
          </ul>
          <Button variant="secondary" onClick={() => void retry()} disabled={busy}>
            Retry now
          </Button>
        </div>
      )}

      {view.sent.length > 0 && (
        <>
          <Table caption="Sent" captionClass="govuk-table__caption--s" columns={columns} rows={view.sent} rowKey={(r) => r.id} compact />
          <Button variant="secondary" small onClick={() => void load()}>
            Refresh
          </Button>
        </>
      )}
    </section>
  );
}
