/**
 * Background jobs inside the server process, on croner: the outbox sender every few seconds and the daily
 * reminders. The jobs themselves are idempotent (the outbox claims rows; the daily run claims its day in the
 * database), so a restart or an overlapping tick never sends twice.
 */
import { Cron } from 'croner';
import { mailLimits } from '../../shared/limits.js';
import type { Logger } from '../logger.js';

export interface ScheduledJob {
  name: string;
  /** croner pattern (seconds field first when it has six parts). */
  pattern: string;
  run(): Promise<unknown> | unknown;
}

export function startScheduler(jobs: ScheduledJob[], logger: Logger): { stop(): void } {
  const crons = jobs.map(
    (job) =>
      new Cron(job.pattern, { timezone: mailLimits.timeZone, protect: true, unref: true, catch: (err) => logger.error({ job: job.name, err: (err as Error).message }, 'job failed') }, async () => {
        await job.run();
      }),
  );
  return {
    stop: () => {
      for (const cron of crons) cron.stop();
    },
  };
}
