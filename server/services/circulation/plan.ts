import type { CirculationPlanAgency } from '../../../shared/circulation.js';
import type { MinutesView } from '../../../shared/minutes.js';
import type { ReaderRow as Reader } from '../../db/stores/circulation.js';

/**
 * Who gets which extract: every agency present at the meeting or owning an action in it gets its own extract, sent
 * to the people of that agency who read minutes in the series. Agencies are matched by name, as the minutes
 * record them.
 */
export function circulationPlan(view: MinutesView, readers: Reader[]): CirculationPlanAgency[] {
  const present = new Set(view.attendance.present.map((p) => p.agency));
  const withActions = new Set(view.items.flatMap((i) => i.actions.flatMap((a) => (a.owner ? [a.owner.agency] : []))));
  return [...new Set([...present, ...withActions])].sort().map((agency) => ({
    agency,
    present: present.has(agency),
    hasActions: withActions.has(agency),
    people: readers.filter((r) => r.agencyName === agency).map((r) => ({ id: r.id, name: r.name, role: r.role })),
  }));
}
