import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { ActionView } from '../../../shared/api-types';
import { statusesNeedingReason } from '../../../shared/api-schemas';
import { workLimits } from '../../../shared/limits';
import type { ActionStatus } from '../../../shared/minutes';
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
import { useFormat } from '../../i18n';
import { Reminders } from './Reminders';
import { readView, sortActions, trackerCsv, writeView, type SortKey, type TrackerView } from './tracker-view';

/** Every action agreed in a series, as a sortable table: filters and sort kept in the URL, bulk status change, CSV. */
export function ActionTracker({ seriesId }: { seriesId: string }) {
  const { t } = useTranslation(['actions', 'domain', 'common']);
  const { day } = useFormat();
  const statusLabel = (status: string) => t(`domain:actionStatus.${status as ActionStatus}`, { defaultValue: status });
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
  const people = [...new Map(owners.filter((o) => o.id).map((o) => [o.id!, t('common:actionFacts.owner', { name: o.name, agency: o.agency })])).entries()].sort((a, b) => a[1].localeCompare(b[1]));
  const rows = useMemo(() => sortActions(actions ?? [], view.sort), [actions, view.sort]);

  const download = () => {
    const url = URL.createObjectURL(new Blob([trackerCsv(rows, t)], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = t('actions:fileName', { series: seriesName.toLowerCase().replace(/[^a-z0-9]+/g, '-') || seriesId, show: view.show });
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  const applyBulk = async (event: FormEvent) => {
    event.preventDefault();
    const problems: FieldError[] = [];
    if (selected.length === 0) problems.push({ href: 'select-all', text: t('actions:bulk.selectSome') });
    if (!bulkStatus) problems.push({ href: 'bulk-status', text: t('actions:bulk.chooseNew') });
    else if ((statusesNeedingReason as readonly string[]).includes(bulkStatus) && !reason.trim()) {
      problems.push({ href: 'bulk-reason', text: t('actions:bulk.giveReason', { status: statusLabel(bulkStatus) }) });
    }
    setErrors(problems);
    setSaved(null);
    if (problems.length || !bulkStatus) return;
    try {
      await apiPost(`/series/${seriesId}/actions/status`, { actionIds: selected, status: bulkStatus, ...(reason.trim() ? { note: reason.trim() } : {}) });
      setSaved(t('actions:bulk.saved', { count: selected.length, status: statusLabel(bulkStatus) }));
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
            header: <span className="govuk-visually-hidden">{t('actions:selectColumn')}</span>,
            cell: (a: ActionView) => (
              <div className="govuk-checkboxes govuk-checkboxes--small">
                <Checkbox
                  id={`pick-${a.id}`}
                  label={<span className="govuk-visually-hidden">{t('actions:selectOne', { what: a.what })}</span>}
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
      header: t('actions:columns.action'),
      rowHeader: true,
      cell: (a) => (
        <>
          {a.what}
          <span className="app-cell-note">
            <Trans
              t={t}
              i18nKey="actions:agreedAt"
              values={{ meeting: a.meeting.title, date: day(a.meeting.heldAt) }}
              // Indexed: react-i18next 17 leaves a named component (<link>) empty.
              components={[<Link key="meeting" className="govuk-link" to={`/meetings/${a.meeting.id}/minutes`} />]}
            />
          </span>
          {a.history.length > 0 && (
            <details className="govuk-details app-details--compact">
              <summary className="govuk-details__summary">
                <span className="govuk-details__summary-text">{t('actions:history')}</span>
              </summary>
              <ul className="govuk-list govuk-body-s govuk-details__text">
                {a.history.map((h, i) => (
                  <li key={i}>
                    {t('common:actionFacts.history', { date: day(h.at), person: h.by, status: statusLabel(h.status) })}
                    {h.note ? ` — ${h.note}` : ''}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </>
      ),
    },
    { key: 'case', header: t('actions:columns.case'), sortable: true, cell: (a) => (a.caseRef ? <span className="app-case-ref">{a.caseRef}</span> : '—') },
    { key: 'owner', header: t('actions:columns.owner'), sortable: true, cell: (a) => a.owner?.name ?? t('common:actionFacts.noOwner') },
    { key: 'agency', header: t('actions:columns.agency'), sortable: true, cell: (a) => a.owner?.agency || '—' },
    {
      key: 'due',
      header: t('actions:columns.due'),
      sortable: true,
      cell: (a) =>
        a.due ? (
          <>
            <span className="app-nowrap">{day(a.due)}</span>
            {a.overdue && (
              <>
                {/* Read as "28 Nov 2026, Overdue", not run together. */}
                <span className="govuk-visually-hidden">, </span> <Tag colour="red">{t('common:actionFacts.overdue')}</Tag>
              </>
            )}
          </>
        ) : (
          t('actions:noDue')
        ),
    },
    { key: 'status', header: t('actions:columns.status'), sortable: true, cell: (a) => <ActionStatusTag status={a.status} label={statusLabel(a.status)} /> },
  ];

  const title = seriesName ? t('actions:title', { series: seriesName }) : t('actions:trackerCaption');
  return (
    <section aria-labelledby="tracker-heading">
      <Breadcrumbs items={[{ to: '/', text: t('common:nav.meetings') }]} />
      <ErrorSummary errors={errors} />
      {saved && (
        <NotificationBanner type="success" title={t('actions:bulk.savedTitle')}>
          {saved}
        </NotificationBanner>
      )}
      <span className="govuk-caption-l">{t('actions:trackerCaption')}</span>
      <h1 id="tracker-heading" className="govuk-heading-l" tabIndex={-1}>
        {title}
      </h1>
      <form className="app-filters" aria-label={t('actions:filtersLabel')} onSubmit={(e) => e.preventDefault()}>
        <Select id="filter-show" label={t('actions:show')} value={view.show} onChange={(e) => change({ show: e.target.value as TrackerView['show'] })}>
          {(['open', 'overdue', 'all'] as const).map((show) => (
            <option key={show} value={show}>
              {t(`actions:showOptions.${show}`)}
            </option>
          ))}
        </Select>
        <Select id="filter-agency" label={t('actions:agency')} value={view.agencyId} onChange={(e) => change({ agencyId: e.target.value })}>
          <option value="">{t('actions:allAgencies')}</option>
          {agencies.map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </Select>
        <Select id="filter-person" label={t('actions:person')} value={view.personId} onChange={(e) => change({ personId: e.target.value })}>
          <option value="">{t('actions:everyone')}</option>
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
      {actions === null && !loadError && <p className="govuk-body">{t('actions:loading')}</p>}
      {actions && (
        <div className="app-tracker-bar">
          <p className="govuk-body govuk-!-margin-bottom-0" aria-live="polite">
            {t('actions:count', { count: actions.length })}
          </p>
          {actions.length > 0 && (
            <Button variant="secondary" small onClick={download}>
              {t('actions:download')}
            </Button>
          )}
        </div>
      )}
      {canUpdate && rows.length > 0 && (
        <form className="app-bulk" onSubmit={applyBulk} noValidate aria-label={t('actions:bulk.label')}>
          <div className="govuk-checkboxes govuk-checkboxes--small">
            <Checkbox id="select-all" label={t('actions:bulk.selectAll', { count: rows.length })} checked={allShown} onChange={(on) => setSelected(on ? rows.map((a) => a.id) : [])} />
          </div>
          <Select
            id="bulk-status"
            label={t('actions:bulk.newStatus', { count: selected.length })}
            value={bulkStatus}
            onChange={(e) => setBulkStatus(e.target.value as ActionStatus | '')}
            error={errorFor(errors, 'bulk-status')}
          >
            <option value="">{t('actions:bulk.chooseStatus')}</option>
            <ActionStatusOptions />
          </Select>
          <Textarea
            id="bulk-reason"
            label={t('actions:bulk.reason')}
            hint={t('actions:bulk.reasonHint')}
            rows={2}
            maxLength={workLimits.statusNoteLength}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            error={errorFor(errors, 'bulk-reason')}
          />
          <Button type="submit">{t('actions:bulk.submit')}</Button>
        </form>
      )}
      {actions && rows.length > 0 && (
        <div className="app-table-scroll">
          <Table
            caption={t(`actions:caption.${view.show}`, { title })}
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
