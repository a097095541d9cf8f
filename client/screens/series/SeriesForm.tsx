import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { SeriesView } from '../../../shared/api-types';
import type { StandingItem } from '../../../shared/api-schemas';
import { caseRefPrefixFor, cadenceKinds, decisionSchemes, monthlyOrdinals, standingItemKinds, type CadenceKind, type StandingItemKind } from '../../../shared/domain';
import { apiGet, apiPatch, apiPost } from '../../api';
import { navigate } from '../../router';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { Button, ButtonGroup } from '../../components/Button';
import { DateInput, dateParts, emptyDate, isEmptyDate, partsToIso, type DateParts } from '../../components/DateInput';
import { ErrorSummary, type FieldError } from '../../components/ErrorSummary';
import { Radios, Select, TextInput, Textarea } from '../../components/Field';
import { errorsFrom, fieldId, messageFor } from './form-errors';
import { seriesRoles, type SeriesRole } from '../../../shared/domain';
import type { MinutesLanguage } from '../../../shared/i18n/languages';
import { MinutesLanguageField } from './MinutesLanguageField';

type Role = SeriesRole;
interface Directory {
  agencies: { id: string; name: string }[];
  people: { id: string; name: string; agencyId: string; agencyName: string }[];
}
interface FormState {
  name: string;
  body: string;
  ownerAgencyId: string;
  members: { personId: string; role: Role }[];
  chairId: string;
  deputyChairId: string;
  venue: string;
  onlineLink: string;
  kind: CadenceKind;
  weekday: string;
  time: string;
  nth: string;
  startsOn: DateParts;
  template: StandingItem[];
  decisionPrefix: string;
  decisionScheme: (typeof decisionSchemes)[number];
  minutesLanguage: MinutesLanguage;
  /** Empty: derived from the name. */
  caseRefPrefix: string;
}

const weekdays = [1, 2, 3, 4, 5, 6, 7] as const;

/** A new series' standing items, titled in the language of whoever sets it up (each title can be reworded). */
type T = TFunction<['series', 'domain', 'common']>;
const defaultTemplate = (t: T): StandingItem[] => [
  { kind: 'apologies', title: t('domain:standingItem.apologies') },
  { kind: 'confidentiality', title: t('domain:standingItem.confidentiality'), text: t('domain:defaultConfidentialityStatement') },
  { kind: 'previous-minutes', title: t('domain:standingItem.previous-minutes') },
  { kind: 'matters-arising', title: t('domain:standingItem.matters-arising') },
  { kind: 'any-other-business', title: t('domain:standingItem.any-other-business') },
];

const blank = (t: T): FormState => ({
  name: '',
  body: '',
  ownerAgencyId: '',
  members: [],
  chairId: '',
  deputyChairId: '',
  venue: t('series:form.venueDefault'),
  onlineLink: '',
  kind: 'weekly',
  weekday: '2',
  time: '10:00',
  nth: '1',
  startsOn: emptyDate,
  template: defaultTemplate(t),
  decisionPrefix: '',
  decisionScheme: 'NNN/YYYY',
  minutesLanguage: 'en',
  caseRefPrefix: '',
});

const fromSeries = (s: SeriesView): FormState => ({
  name: s.name,
  body: s.body,
  ownerAgencyId: s.ownerAgencyId ?? '',
  members: s.members.map((m) => ({ personId: m.personId, role: m.role })),
  chairId: s.chairId ?? '',
  deputyChairId: s.deputyChairId ?? '',
  venue: s.venue,
  onlineLink: s.onlineLink ?? '',
  kind: s.cadence?.kind ?? 'weekly',
  weekday: String(s.cadence?.weekday ?? 2),
  time: s.cadence?.time ?? '10:00',
  nth: String(s.cadence?.nth ?? 1),
  startsOn: dateParts(s.cadence?.startsOn ?? null),
  template: s.template,
  decisionPrefix: s.decisionPrefix,
  decisionScheme: s.decisionScheme,
  minutesLanguage: s.minutesLanguage,
  caseRefPrefix: s.caseRefPrefix ?? '',
});

const roles: readonly Role[] = seriesRoles;
const F = 'series';

/** Create or edit a series: who, where, when (cadence), the standing agenda template and decision numbering. */
export function SeriesForm({ seriesId }: { seriesId: string | null }) {
  const { t } = useTranslation(['series', 'domain', 'common']);
  const [form, setForm] = useState<FormState | null>(seriesId ? null : () => blank(t));
  const [directory, setDirectory] = useState<Directory | null>(null);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const [adding, setAdding] = useState('');
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    apiGet<Directory>('/series-directory').then(setDirectory, (err: Error) => setLoadError(err.message));
    if (seriesId) apiGet<{ series: SeriesView }>(`/series/${seriesId}`).then((b) => setForm(fromSeries(b.series)), (err: Error) => setLoadError(err.message));
  }, [seriesId]);

  if (loadError) return <p role="alert">{t('series:form.couldNotLoad', { error: loadError })}</p>;
  if (!form || !directory) return <p>{t('common:loading')}</p>;
  const set = (patch: Partial<FormState>) => setForm({ ...form, ...patch });
  const err = (path: string) => messageFor(errors, F, path);
  const personName = (id: string) => directory.people.find((p) => p.id === id);
  const chairs = form.members.filter((m) => m.role === 'chair' || m.role === 'coordinator');
  const setTemplate = (template: StandingItem[]) => set({ template });
  const moveItem = (i: number, by: -1 | 1) => {
    const next = [...form.template];
    [next[i], next[i + by]] = [next[i + by], next[i]];
    setTemplate(next);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const startsOn = isEmptyDate(form.startsOn) ? { iso: null } : partsToIso(form.startsOn, t('series:form.startsOnWhat'));
    if ('error' in startsOn) {
      setErrors([{ href: fieldId(F, 'cadence.startsOn'), text: startsOn.error }]);
      return;
    }
    const body = {
      name: form.name,
      body: form.body,
      ownerAgencyId: form.ownerAgencyId,
      members: form.members,
      chairId: form.chairId,
      deputyChairId: form.deputyChairId || null,
      venue: form.venue,
      onlineLink: form.onlineLink.trim() || null,
      cadence: { kind: form.kind, weekday: Number(form.weekday), time: form.time.trim(), ...(form.kind === 'monthly' ? { nth: Number(form.nth) } : {}), startsOn: startsOn.iso },
      template: form.template.map((t) => (t.kind === 'confidentiality' ? t : { kind: t.kind, title: t.title })),
      decisionPrefix: form.decisionPrefix,
      decisionScheme: form.decisionScheme,
      minutesLanguage: form.minutesLanguage,
      caseRefPrefix: form.caseRefPrefix.trim() || null,
    };
    setBusy(true);
    try {
      const saved = seriesId ? await apiPatch<{ series: SeriesView }>(`/series/${seriesId}`, body) : await apiPost<{ series: SeriesView }>('/series', body);
      navigate(`/series/${saved.series.id}`);
    } catch (e) {
      setErrors(errorsFrom(e, F, fieldId(F, 'name')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="series-form-heading">
      <Breadcrumbs items={[{ to: '/', text: t('common:nav.meetings') }, ...(seriesId ? [{ to: `/series/${seriesId}`, text: form.name || t('series:form.seriesCrumb') }] : [])]} />
      <h1 id="series-form-heading" className="govuk-heading-l" tabIndex={-1}>
        {seriesId ? t('series:form.editHeading') : t('series:form.createHeading')}
      </h1>
      <ErrorSummary errors={errors} />
      <form onSubmit={(e) => void submit(e)} noValidate>
        <TextInput id={fieldId(F, 'name')} label={t('series:form.name')} value={form.name} error={err('name')} onChange={(e) => set({ name: e.target.value })} />
        <TextInput
          id={fieldId(F, 'body')}
          label={t('series:form.body')}
          hint={t('series:form.bodyHint')}
          value={form.body}
          error={err('body')}
          onChange={(e) => set({ body: e.target.value })}
        />
        <Select id={fieldId(F, 'ownerAgencyId')} label={t('series:form.ownerAgency')} value={form.ownerAgencyId} error={err('ownerAgencyId')} onChange={(e) => set({ ownerAgencyId: e.target.value })}>
          <option value="">{t('series:form.chooseAgency')}</option>
          {directory.agencies.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </Select>

        <h2 className="govuk-heading-m">{t('series:form.members')}</h2>
        {err('members') && <p className="govuk-error-message">{err('members')}</p>}
        <ul className="govuk-list series-members" aria-label={t('series:form.membersList')}>
          {form.members.map((m, i) => {
            const person = personName(m.personId);
            const who = person ? t('series:form.personWithAgency', { name: person.name, agency: person.agencyName }) : m.personId;
            return (
              <li key={m.personId} className="series-member">
                <Select
                  id={fieldId(F, `members.${i}.personId`)}
                  label={t('series:form.roleOf', { who })}
                  value={m.role}
                  error={err(`members.${i}.personId`)}
                  onChange={(e) => set({ members: form.members.map((x, j) => (j === i ? { ...x, role: e.target.value as Role } : x)) })}
                >
                  {roles.map((r) => (
                    <option key={r} value={r}>
                      {t(`domain:seriesRole.${r}`)}
                    </option>
                  ))}
                </Select>
                <Button variant="secondary" small onClick={() => set({ members: form.members.filter((_, j) => j !== i) })}>
                  {t('series:form.remove')}
                  <span className="govuk-visually-hidden"> {who}</span>
                </Button>
              </li>
            );
          })}
        </ul>
        <div className="govuk-form-group">
          <Select id={fieldId(F, 'add-member')} label={t('series:form.addMember')} value={adding} onChange={(e) => setAdding(e.target.value)}>
            <option value="">{t('series:form.choosePerson')}</option>
            {directory.people
              .filter((p) => !form.members.some((m) => m.personId === p.id))
              .map((p) => (
                <option key={p.id} value={p.id}>
                  {t('series:form.personWithAgency', { name: p.name, agency: p.agencyName })}
                </option>
              ))}
          </Select>
          <Button
            variant="secondary"
            disabled={!adding}
            onClick={() => {
              set({ members: [...form.members, { personId: adding, role: 'member' }] });
              setAdding('');
            }}
          >
            {t('series:form.addMemberButton')}
          </Button>
        </div>
        <Select id={fieldId(F, 'chairId')} label={t('series:form.chair')} hint={t('series:form.chairHint')} value={form.chairId} error={err('chairId')} onChange={(e) => set({ chairId: e.target.value })}>
          <option value="">{t('series:form.chooseChair')}</option>
          {chairs.map((m) => (
            <option key={m.personId} value={m.personId}>
              {personName(m.personId)?.name ?? m.personId}
            </option>
          ))}
        </Select>
        <Select id={fieldId(F, 'deputyChairId')} label={t('series:form.deputyChair')} value={form.deputyChairId} error={err('deputyChairId')} onChange={(e) => set({ deputyChairId: e.target.value })}>
          <option value="">{t('series:form.noDeputy')}</option>
          {chairs.map((m) => (
            <option key={m.personId} value={m.personId}>
              {personName(m.personId)?.name ?? m.personId}
            </option>
          ))}
        </Select>

        <h2 className="govuk-heading-m">{t('series:form.whereAndWhen')}</h2>
        <TextInput id={fieldId(F, 'venue')} label={t('series:form.venue')} hint={t('series:form.venueHint')} value={form.venue} error={err('venue')} onChange={(e) => set({ venue: e.target.value })} />
        <TextInput id={fieldId(F, 'onlineLink')} label={t('series:form.onlineLink')} type="url" value={form.onlineLink} error={err('onlineLink')} onChange={(e) => set({ onlineLink: e.target.value })} />
        <Radios
          id={fieldId(F, 'cadence')}
          name="cadence-kind"
          legend={t('series:form.howOften')}
          inline
          error={err('cadence') ?? err('cadence.kind')}
          value={form.kind}
          onChange={(v) => set({ kind: v as CadenceKind })}
          choices={cadenceKinds.map((k) => ({ value: k, label: t(`domain:cadenceKind.${k}`) }))}
        />
        {form.kind === 'monthly' && (
          <Select id={fieldId(F, 'cadence.nth')} label={t('series:form.whichInMonth')} value={form.nth} error={err('cadence.nth')} onChange={(e) => set({ nth: e.target.value })}>
            {monthlyOrdinals.map((n) => (
              <option key={n} value={n}>
                {t(`domain:ordinal.${n}`)}
              </option>
            ))}
          </Select>
        )}
        <Select id={fieldId(F, 'cadence.weekday')} label={t('series:form.weekday')} value={form.weekday} error={err('cadence.weekday')} onChange={(e) => set({ weekday: e.target.value })}>
          {weekdays.map((d) => (
            <option key={d} value={d}>
              {t(`domain:weekday.${d}`)}
            </option>
          ))}
        </Select>
        <TextInput
          id={fieldId(F, 'cadence.time')}
          label={t('series:form.startTime')}
          hint={t('series:form.startTimeHint')}
          inputClass="govuk-input--width-5"
          value={form.time}
          error={err('cadence.time')}
          onChange={(e) => set({ time: e.target.value })}
        />
        <DateInput
          id={fieldId(F, 'cadence.startsOn')}
          legend={t('series:form.startsOn')}
          hint={t('series:form.startsOnHint')}
          value={form.startsOn}
          error={err('cadence.startsOn')}
          onChange={(startsOn) => set({ startsOn })}
        />

        <h2 className="govuk-heading-m">{t('series:form.standingAgenda')}</h2>
        <p className="govuk-body">{t('series:form.standingAgendaIntro')}</p>
        <ol className="govuk-list series-template" aria-label={t('series:form.standingItems')}>
          {form.template.map((item, i) => (
            <li key={i} className="series-template-item">
              <Select
                id={fieldId(F, `template.${i}.kind`)}
                label={t('series:form.itemKind', { n: i + 1 })}
                value={item.kind}
                onChange={(e) => setTemplate(form.template.map((t, j) => (j === i ? { ...t, kind: e.target.value as StandingItemKind } : t)))}
              >
                {standingItemKinds.map((k) => (
                  <option key={k} value={k}>
                    {t(`domain:standingItem.${k}`)}
                  </option>
                ))}
              </Select>
              <TextInput
                id={fieldId(F, `template.${i}.title`)}
                label={t('series:form.itemTitle', { n: i + 1 })}
                value={item.title}
                error={err(`template.${i}.title`)}
                onChange={(e) => setTemplate(form.template.map((t, j) => (j === i ? { ...t, title: e.target.value } : t)))}
              />
              {item.kind === 'confidentiality' && (
                <Textarea
                  id={fieldId(F, `template.${i}.text`)}
                  label={t('series:form.confidentialityWording')}
                  value={item.text ?? ''}
                  error={err(`template.${i}.text`)}
                  onChange={(e) => setTemplate(form.template.map((t, j) => (j === i ? { ...t, text: e.target.value } : t)))}
                />
              )}
              <ButtonGroup>
                <Button variant="secondary" small disabled={i === 0} onClick={() => moveItem(i, -1)}>
                  {t('series:form.moveUp')}
                  <span className="govuk-visually-hidden"> {t('series:form.standingItemN', { n: i + 1 })}</span>
                </Button>
                <Button variant="secondary" small disabled={i === form.template.length - 1} onClick={() => moveItem(i, 1)}>
                  {t('series:form.moveDown')}
                  <span className="govuk-visually-hidden"> {t('series:form.standingItemN', { n: i + 1 })}</span>
                </Button>
                <Button variant="warning" small onClick={() => setTemplate(form.template.filter((_, j) => j !== i))}>
                  {t('series:form.remove')}
                  <span className="govuk-visually-hidden"> {t('series:form.standingItemN', { n: i + 1 })}</span>
                </Button>
              </ButtonGroup>
            </li>
          ))}
        </ol>
        <Button variant="secondary" onClick={() => setTemplate([...form.template, { kind: 'custom', title: '' }])}>
          {t('series:form.addStandingItem')}
        </Button>

        <h2 className="govuk-heading-m">{t('series:form.decisionNumbers')}</h2>
        <TextInput
          id={fieldId(F, 'decisionPrefix')}
          label={t('series:form.decisionPrefix')}
          hint={t('series:form.decisionPrefixHint')}
          inputClass="govuk-input--width-10"
          value={form.decisionPrefix}
          error={err('decisionPrefix')}
          onChange={(e) => set({ decisionPrefix: e.target.value })}
        />
        <Radios
          id={fieldId(F, 'decisionScheme')}
          name="decision-scheme"
          legend={t('series:form.numberFormat')}
          inline
          value={form.decisionScheme}
          onChange={(v) => set({ decisionScheme: v as FormState['decisionScheme'] })}
          choices={decisionSchemes.map((s) => ({ value: s, label: s === 'NNN/YYYY' ? '001/2026' : '2026/001' }))}
        />
        <MinutesLanguageField id={fieldId(F, 'minutesLanguage')} value={form.minutesLanguage} error={err('minutesLanguage')} onChange={(v) => set({ minutesLanguage: v })} />
        <h2 className="govuk-heading-m">{t('series:form.caseReferences')}</h2>
        <TextInput
          id={fieldId(F, 'caseRefPrefix')}
          label={t('series:form.caseRefPrefix')}
          hint={t('series:form.caseRefPrefixHint', { prefix: caseRefPrefixFor(form.name || 'CASE') })}
          inputClass="govuk-input--width-5"
          value={form.caseRefPrefix}
          error={err('caseRefPrefix')}
          onChange={(e) => set({ caseRefPrefix: e.target.value })}
        />
        <Button type="submit" disabled={busy}>
          {seriesId ? t('series:form.save') : t('series:form.create')}
        </Button>
      </form>
    </section>
  );
}
