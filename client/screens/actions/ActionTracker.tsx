import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import type { ActionView } from '../../../shared/api-types';
import { statusesNeedingReason } from '../../../shared/api-schemas';
import { workLimits } from '../../../shared/limits';
import { actionStatusLabels, type ActionStatus } from '../../../shared/minutes';
import { apiGet, apiPost } from '../../api';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { Button } from '../../components/Button';
import { ErrorSummary, errorFor, type FieldError } from '../../components/ErrorSummary';
import { Checkbox, Select, Textarea } from '../../components/Field';
import { Link } from '../../components/Link';
import { NotificationBanner } from '../../components/NotificationBanner';
import { ActionStatusOptions } from '../../components/Options';
import { Table, type Column } from '../../components/Table';
import { ActionStatusTag, Tag } from '../../components/Tag';
import { formatDay } from '../../format';
import { Reminders } from './Reminders';
import { readView, sortActions, trackerCsv, writeView, type SortKey, type TrackerView } from './tracker-view';

/** Every action agreed in a series, as a sortable table: filters and sort kept in the URL, bulk status change, CSV. */
export function ActionTracker({ seriesId }: { seriesId: string }) {
  const [view, setView] = useState<TrackerView>(() => readView(location.search));
  const [seriesName, setSeriesName] = useState('');
  const [actions, setActions] = useState<ActionView[] | null>(null);
  const [everyone, setEveryone] = useState<ActionView[]>([]);
  const [canUpdate, setCanUpdate] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const [bulkStatus, setBulkStatus] = useState<ActionStatus | ''>('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [saved, setSaved] = useState<string | null>(null);

  const change = (patch: Partial<TrackerView>) => {
    const next = { ...view, ...patch };
    // The URL is the view: reload, bookmark or share it and the same actions show in the same order.
    history.replaceState(null, '', `${location.pathname}${writeView(next)}`);
    setView(next);
  };

  const load = useCallback(() => {
    const query = new URLSearchParams({ state: view.show });
    if (view.agencyId) query.set('agencyId', view.agencyId);
    if (view.personId) query.set('personId', view.personId);
    apiGet<{ series: { name: string }; actions: ActionView[]; canUpdate: boolean }>(`/series/${seriesId}/actions?${query}`).then(
      (body) => {
        setSeriesName(body.series.name);
        setActions(body.actions);
        setCanUpdate(body.canUpdate);
        setSelected((s) => s.filter((id) => body.actions.some((a) => a.id === id)));
      },
      (err: Error) => setLoadError(err.message),
    );
  }, [seriesId, view.show, view.agencyId, view.personId]);
  useEffect(load, [load]);
  useEffect(() => {
    apiGet<{ actions: ActionView[] }>(`/series/${seriesId}/actions?state=all`).then((b) => setEveryone(b.actions), () => undefined);
  }, [seriesId]);

  const owners = everyone.flatMap((a) => (a.owner ? [a.owner] : []));
  const agencies = [...new Map(owners.filter((o) => o.agencyId).map((o) => [o.agencyId!, o.agency])).entries()].sort((a, b) => a[1].localeCompare(b[1]));
  const people = [...new Map(owners.filter((o) => o.id).map((o) => [o.id!, `${o.name} (${o.agency})`])).entries()].sort((a, b) => a[1].localeCompare(b[1]));
  const rows = useMemo(() => sortActions(actions ?? [], view.sort), [actions, view.sort]);

  const download = () => {
    const url = URL.createObjectURL(new Blob([trackerCsv(rows)], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `actions-${seriesName.toLowerCase().replace(/[^a-z0-9]+/g, '-') || seriesId}-${view.show}.csv`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  const applyBulk = async (event: FormEvent) => {
    event.preventDefault();
    const problems: FieldError[] = [];
    if (selected.length === 0) problems.push({ href: 'select-all', text: 'Select the actions to change' });
    if (!bulkStatus) problems.push({ href: 'bulk-status', text: 'Choose the new status' });
    else if ((statusesNeedingReason as readonly string[]).includes(bulkStatus) && !reason.trim()) {
      problems.push({ href: 'bulk-reason', text: `Give the reason the actions are “${actionStatusLabels[bulkStatus]}”` });
    }
    setErrors(problems);
    setSaved(null);
    if (problems.length || !bulkStatus) return;
    try {
      await apiPost(`/series/${seriesId}/actions/status`, { actionIds: selected, status: bulkStatus, ...(reason.trim() ? { note: reason.trim() } : {}) });
      setSaved(`${selected.length} ${selected.length === 1 ? 'action' : 'actions'} set to “${actionStatusLabels[bulkStatus]}”`);
      setSelected([]);
      setBulkStatus('');
      setReason('');
      load();
    } catch (err) {
      setErrors([{ href: 'bulk-status', text: (err as Error).message }]);
    }
  };

  const allShown = rows.length > 0 && rows.every((a) => selected.includes(a.id));
  const columns: Column<ActionView, SortKey | 'pick' | 'what'>[] = [
    ...(canUpdate
      ? [
          {
            key: 'pick' as const,
            header: <span className="govuk-visually-hidden">Select</span>,
            cell: (a: ActionView) => (
              <div className="govuk-checkboxes govuk-checkboxes--small">
                <Checkbox
                  id={`pick-${a.id}`}
                  label={<span className="govuk-visually-hidden">Select “{a.what}”</span>}
                  checked={selected.includes(a.id)}
                  onChange={(on) => setSelected((s) => (on ? [...s, a.id] : s.filter((id) => id !== a.id)))}
                />
              </div>
            ),
          },
        ]
      : []),
    {
      key: 'what',
      header: 'Action',
      rowHeader: true,
      cell: (a) => (
        <>
          {a.what}
          <span className="app-cell-note">
            Agreed at{' '}
            <Link className="govuk-link" to={`/meetings/${a.meeting.id}/minutes`}>
              {a.meeting.title}, {formatDay(a.meeting.heldAt)}
            </Link>
          </span>
          {a.history.length > 0 && (
            <details className="govuk-details app-details--compact">
              <summary className="govuk-details__summary">
                <span className="govuk-details__summary-text">History</span>
              </summary>
              <ul className="govuk-list govuk-body-s govuk-details__text">
                {a.history.map((h, i) => (
                  <li key={i}>
                    {formatDay(h.at)}: {h.by} set {actionStatusLabels[h.status as ActionStatus] ?? h.status}
                    {h.note ? ` — ${h.note}` : ''}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </>
      ),
    },
    { key: 'case', header: 'Case', sortable: true, cell: (a) => (a.caseRef ? <span className="app-case-ref">{a.caseRef}</span> : '—') },
    { key: 'owner', header: 'Owner', sortable: true, cell: (a) => a.owner?.name ?? 'No owner' },
    { key: 'agency', header: 'Agency', sortable: true, cell: (a) => a.owner?.agency || '—' },
    {
      key: 'due',
      header: 'Due',
      sortable: true,
      cell: (a) =>
        a.due ? (
          <>
            <span className="app-nowrap">{formatDay(a.due)}</span>
            {a.overdue && (
              <>
                {/* Read as "28 Nov 2026, Overdue", not run together. */}
                <span className="govuk-visually-hidden">, </span> <Tag colour="red">Overdue</Tag>
              </>
            )}
          </>
        ) : (
          'No due date'
        ),
    },
    { key: 'status', header: 'Status', sortable: true, cell: (a) => <ActionStatusTag status={a.status} label={actionStatusLabels[a.status]} /> },
  ];

  const title = seriesName ? `Actions: ${seriesName}` : 'Action tracker';
  return (
    <section aria-labelledby="tracker-heading">
      <Breadcrumbs items={[{ to: '/', text: 'Meetings' }]} />
      <ErrorSummary errors={errors} />
      {saved && (
        <NotificationBanner type="success" title="Saved">
          {saved}
        </NotificationBanner>
      )}
      <span className="govuk-caption-l">Action tracker</span>
      <h1 id="tracker-heading" className="govuk-heading-l" tabIndex={-1}>
        {title}
      </h1>
      <form className="app-filters" aria-label="Filter actions" onSubmit={(e) => e.preventDefault()}>
        <Select id="filter-show" label="Show" value={view.show} onChange={(e) => change({ show: e.target.value as TrackerView['show'] })}>
          <option value="open">Open actions</option>
          <option value="overdue">Overdue actions</option>
          <option value="all">All actions</option>
        </Select>
        <Select id="filter-agency" label="Agency" value={view.agencyId} onChange={(e) => change({ agencyId: e.target.value })}>
          <option value="">All agencies</option>
          {agencies.map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </Select>
        <Select id="filter-person" label="Person" value={view.personId} onChange={(e) => change({ personId: e.target.value })}>
          <option value="">Everyone</option>
          {people.map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </Select>
      </form>
      {loadError && (
        <p className="govuk-error-message" role="alert">
          {loadError}
        </p>
      )}
      {actions === null && !loadError && <p className="govuk-body">Loading actions…</p>}
      {actions && (
        <div className="app-tracker-bar">
          <p className="govuk-body govuk-!-margin-bottom-0" aria-live="polite">
            {actions.length} {actions.length === 1 ? 'action' : 'actions'}
          </p>
          {actions.length > 0 && (
            <Button variant="secondary" small onClick={download}>
              Download these actions (CSV)
            </Button>
          )}
        </div>
      )}
      {canUpdate && rows.length > 0 && (
        <form className="app-bulk" onSubmit={applyBulk} noValidate aria-label="Change the status of selected actions">
          <div className="govuk-checkboxes govuk-checkboxes--small">
            <Checkbox id="select-all" label={`Select all ${rows.length} actions in the table`} checked={allShown} onChange={(on) => setSelected(on ? rows.map((a) => a.id) : [])} />
          </div>
          <Select
            id="bulk-status"
            label={`New status for ${selected.length} selected`}
            value={bulkStatus}
            onChange={(e) => setBulkStatus(e.target.value as ActionStatus | '')}
            error={errorFor(errors, 'bulk-status')}
          >
            <option value="">Choose a status</option>
            <ActionStatusOptions />
          </Select>
          <Textarea
            id="bulk-reason"
            label="Reason"
            hint="Needed for “not done” and “not possible”: it goes into each action’s history and the minutes."
            rows={2}
            maxLength={workLimits.statusNoteLength}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            error={errorFor(errors, 'bulk-reason')}
          />
          <Button type="submit">Change status</Button>
        </form>
      )}
      {actions && rows.length > 0 && (
        <div className="app-table-scroll">
          <Table
            caption={`${title}: ${view.show === 'all' ? 'all' : view.show} actions`}
            captionClass="govuk-visually-hidden"
            columns={columns}
            rows={rows}
            rowKey={(a) => a.id}
            sort={view.sort}
            onSort={(next) => change({ sort: next as TrackerView['sort'] })}
            compact
            className="app-tracker-table"
          />
        </div>
      )}
      {canUpdate && <Reminders seriesId={seriesId} />}
    </section>
  );
}
