/** The minutes as JSON: the view model itself, so another system can read back exactly what the record holds. */
import type { MinutesView } from '../../../shared/minutes.js';
import { heldLine, recordStatus } from '../../../shared/minutes-house-style.js';
import { inEachLanguage } from './words.js';

// The marking and whether the record is agreed go first, so they are the first things anyone opening the file sees.
export const renderJson = (view: MinutesView): string => {
  const { marking, ...rest } = view;
  return `${JSON.stringify({ marking, status: inEachLanguage(view, (w) => recordStatus(w, view)), held: inEachLanguage(view, (w) => heldLine(w, view)), ...rest }, null, 2)}\n`;
};
