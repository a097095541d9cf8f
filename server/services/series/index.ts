/** The series and meeting commands, bound to their dependencies once (as the context builds every service). */
import { agreeMinutes } from './agreeMinutes.js';
import { previousMinutes } from './previousMinutes.js';
import { archiveSeries } from './archiveSeries.js';
import { cancelMeeting } from './cancelMeeting.js';
import { changeMeeting } from './changeMeeting.js';
import { changeMeetingChair } from './changeMeetingChair.js';
import { createSeries } from './createSeries.js';
import type { SeriesDeps } from './deps.js';
import { rescheduleMeeting } from './rescheduleMeeting.js';
import { scheduleMeetings } from './scheduleMeetings.js';
import { updateSeries } from './updateSeries.js';
import { seriesView } from './view.js';

type Bound<F> = F extends (deps: SeriesDeps, ...rest: infer A) => infer R ? (...rest: A) => R : never;
const bind =
  <F extends (deps: SeriesDeps, ...rest: never[]) => unknown>(deps: SeriesDeps, f: F): Bound<F> =>
  ((...rest: never[]) => f(deps, ...rest)) as Bound<F>;

export function createSeriesCommands(deps: SeriesDeps) {
  return {
    deps,
    view: bind(deps, seriesView),
    createSeries: bind(deps, createSeries),
    updateSeries: bind(deps, updateSeries),
    archiveSeries: bind(deps, archiveSeries),
    scheduleMeetings: bind(deps, scheduleMeetings),
    rescheduleMeeting: bind(deps, rescheduleMeeting),
    changeMeetingChair: bind(deps, changeMeetingChair),
    changeMeeting: bind(deps, changeMeeting),
    cancelMeeting: bind(deps, cancelMeeting),
    agreeMinutes: bind(deps, agreeMinutes),
    previousMinutes: bind(deps, previousMinutes),
  };
}
export type SeriesCommands = ReturnType<typeof createSeriesCommands>;
