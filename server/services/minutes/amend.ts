/** Applies a correction to a version's content and says, field by field, what it changed. */
import type { MinutesAmendment } from '../../../shared/api-schemas.js';
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
        changes.push(`${where}: background`);
      }
    }
    if (patch.decision) {
      const before = item.decision;
      const { outcome, text, reasons } = patch.decision;
      if (!before) {
        // A new decision is numbered when the version is written.
        item.decision = { number: '', outcome, text, reasons };
        changes.push(`${where}: decision added`);
      } else {
        if (before.outcome !== outcome) changes.push(`${where}: decision ${before.number} outcome`);
        if (before.text !== text) changes.push(`${where}: decision ${before.number} text`);
        if (before.reasons !== reasons) changes.push(`${where}: decision ${before.number} reasons`);
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
        changes.push(`${where}: action ${item.actions.length} added`);
        continue;
      }
      const before: DraftAction = item.actions[index];
      for (const key of ['what', 'ownerPersonId', 'due', 'status'] as const) {
        if (before[key] !== fields[key]) changes.push(`${where}: action ${index + 1} ${key === 'ownerPersonId' ? 'owner' : key}`);
      }
      item.actions[index] = { ...before, ...fields };
    }
    const agencies = new Set(item.agencies);
    for (const action of item.actions) if (action.owner) agencies.add(action.owner.agency);
    item.agencies = [...agencies];
  }
  return { content, changes };
}
