/** The minutes as JSON: the view model itself, so another system can read back exactly what the record holds. */
import type { MinutesView } from '../../../shared/minutes.js';

// The marking goes first so it is the first thing anyone opening the file sees.
export const renderJson = ({ marking, ...rest }: MinutesView): string => `${JSON.stringify({ marking, ...rest }, null, 2)}\n`;
