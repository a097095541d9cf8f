import type { MinutesItem, MinutesView } from '../../../shared/minutes.js';

const ownsActionIn = (item: MinutesItem, agency: string): boolean =>
  item.actions.some((action) => action.owner?.agency === agency);

/**
 * One agency's copy of the minutes: only the items it was party to, and within them only its own actions, so an
 * agency is never sent another agency's tasks. Attendance stays whole because who was in the room is part of the
 * record every party is entitled to.
 */
export const extractForAgency = (view: MinutesView, agency: string): MinutesView => ({
  ...view,
  items: view.items
    .filter((item) => item.agencies.includes(agency) || ownsActionIn(item, agency))
    .map((item) => ({ ...item, actions: item.actions.filter((action) => action.owner?.agency === agency) })),
  extractFor: agency,
});
