/** Applies a correction to a version's content and says, field by field, what it changed. */
import type { MinutesAmendment } from '../../../shared/api-schemas.js';
import { msg as sharedMsg } from '../../../shared/i18n/message.js';
import { newId } from '../../../shared/ids.js';
import { AppError, msg } from '../../errors.js';
import type { StoredContent } from './content.js';
import type { DraftAction } from './draft-from-doc.js';

type Participant = { id: string; name: string; agencyId: string; agencyName: string };

const paragraphs = (text: string): string[] =>
  text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);

type ChangeKey = 'background' | 'decisionAdded' | 'decisionOutcome' | 'decisionText' | 'decisionReasons' | 'actionAdded' | 'actionWhat' | 'actionOwner' | 'actionDue' | 'actionStatus';
/** One line of "what changed", stored as a catalogue message so each reader gets it in their language. */
const change = (key: ChangeKey, item: number | string, values: Record<string, string | number> = {}): string => sharedMsg(`minutes:change.${key}`, { item, ...values });

export function applyAmendment(previous: StoredContent, amendment: MinutesAmendment, participants: Participant[]): { content: StoredContent; changes: string[] } {
  const content = structuredClone(previous);
  const changes: string[] = [];
  const ownerOf = (personId: string | null) => {
    if (personId === null) return null;
    const person = participants.find((p) => p.id === personId);
    if (!person) throw new AppError('validation_failed', msg('errors:actionOwnerIsNotAParticipant', { personId }));
    return person;
  };

  for (const patch of amendment.items) {
    const item = content.items.find((i) => i.id === patch.id);
    if (!item) throw new AppError('validation_failed', msg('errors:noItemInTheseMinutes', { id: patch.id }));
    const where = msg('errors:itemNumber', { number: item.number });
    if (patch.background !== undefined) {
      const background = paragraphs(patch.background);
      if (JSON.stringify(background) !== JSON.stringify(item.background)) {
        item.background = background;
        changes.push(change('background', item.number));
      }
    }
    if (patch.decision) {
      const before = item.decision;
      const { outcome, text, reasons } = patch.decision;
      if (!before) {
        // A new decision is numbered when the version is written.
        item.decision = { number: '', outcome, text, reasons };
        changes.push(change('decisionAdded', item.number));
      } else {
        if (before.outcome !== outcome) changes.push(change('decisionOutcome', item.number, { decision: before.number }));
        if (before.text !== text) changes.push(change('decisionText', item.number, { decision: before.number }));
        if (before.reasons !== reasons) changes.push(change('decisionReasons', item.number, { decision: before.number }));
        item.decision = { ...before, outcome, text, reasons };
      }
    }
    for (const a of patch.actions ?? []) {
      const owner = ownerOf(a.ownerPersonId);
      const fields = {
        what: a.what,
        owner: owner ? { name: owner.name, agency: owner.agencyName } : null,
        ownerPersonId: owner?.id ?? null,
        ownerAgencyId: owner?.agencyId ?? null,
        due: a.due,
        status: a.status,
      };
      const index = a.id ? item.actions.findIndex((x) => x.id === a.id) : -1;
      if (a.id && index < 0) throw new AppError('validation_failed', msg('errors:noActionOn', { id: a.id, where }));
      if (index < 0) {
        item.actions.push({ id: newId(), ...fields });
        changes.push(change('actionAdded', item.number, { action: item.actions.length }));
        continue;
      }
      const before: DraftAction = item.actions[index];
      for (const key of ['what', 'ownerPersonId', 'due', 'status'] as const) {
        if (before[key] !== fields[key]) changes.push(change(key === 'ownerPersonId' ? 'actionOwner' : `action${key[0].toUpperCase()}${key.slice(1)}` as ChangeKey, item.number, { action: index + 1 }));
      }
      item.actions[index] = { ...before, ...fields };
    }
    const agencies = new Set(item.agencies);
    for (const action of item.actions) if (action.owner) agencies.add(action.owner.agency);
    item.agencies = [...agencies];
  }
  return { content, changes };
}
