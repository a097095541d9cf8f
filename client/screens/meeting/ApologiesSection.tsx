import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { addApology, readApologies, removeApology, type PersonRef } from '../../../shared/item-work';
import { useDocValue } from '../../live/useDocValue';
import { ParticipantOptions } from '../../components/Options';
import { roomLabelClass, Select, TextInput } from '../../components/Field';

/** Apologies for the meeting: people of the series picked from a list, or anyone else by name and agency. */
export function ApologiesSection({ doc, people, readOnly, announce }: { doc: Y.Doc; people: PersonRef[]; readOnly: boolean; announce(m: string): void }) {
  const { t } = useTranslation('room');
  const apologies = useDocValue(doc, readApologies, []);
  const [personId, setPersonId] = useState('');
  const [name, setName] = useState('');
  const [agency, setAgency] = useState('');
  const add = (event: FormEvent) => {
    event.preventDefault();
    const person = people.find((p) => p.id === personId);
    if (person) addApology(doc, { personId: person.id, name: person.name, agencyName: person.agencyName });
    else if (name.trim()) addApology(doc, { name, agencyName: agency });
    else return;
    announce(t('apologies.recorded', { name: person?.name ?? name.trim() }));
    setPersonId('');
    setName('');
    setAgency('');
  };
  return (
    <section className="work-section" aria-labelledby="apologies-heading">
      <h3 id="apologies-heading">{t('apologies.heading')}</h3>
      {apologies.length === 0 ? (
        <p className="govuk-body-s app-secondary-text">{t('apologies.none')}</p>
      ) : (
        <ul className="apologies">
          {apologies.map((a) => (
            <li key={a.key}>
              {a.name}
              {a.agencyName && <span className="app-secondary-text"> ({a.agencyName})</span>}{' '}
              {!readOnly && (
                <button className="govuk-button govuk-button--secondary app-button--small" type="button" onClick={() => removeApology(doc, a.key)} aria-label={t('apologies.removeLabel', { name: a.name })}>
                  {t('apologies.remove')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {!readOnly && (
        <form className="add-action" onSubmit={add}>
          <Select id="apology-person" label={t('apologies.member')} labelClass={roomLabelClass} value={personId} onChange={(e) => setPersonId(e.target.value)}>
            <ParticipantOptions people={people} none={t('apologies.someoneElse')} />
          </Select>
          {!personId && (
            <>
              <TextInput id="apology-name" label={t('apologies.name')} labelClass={roomLabelClass} value={name} maxLength={120} onChange={(e) => setName(e.target.value)} />
              <TextInput id="apology-agency" label={t('apologies.agency')} labelClass={roomLabelClass} value={agency} maxLength={120} onChange={(e) => setAgency(e.target.value)} />
            </>
          )}
          <button className="govuk-button app-button--small" type="submit">{t('apologies.record')}</button>
        </form>
      )}
    </section>
  );
}
