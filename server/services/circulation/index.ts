/** Circulation of minutes by email: one command per use case, sharing their dependencies. */
import type { CirculationDeps } from './deps.js';
import { openExtract } from './open-extract.js';
import { sendExtracts } from './send-extracts.js';
import { circulationStatus, retryDeliveries } from './status.js';

export function createCirculationService(deps: CirculationDeps) {
  return {
    status: circulationStatus(deps),
    send: sendExtracts(deps),
    open: openExtract(deps),
    retry: retryDeliveries(deps),
  };
}
export type CirculationService = ReturnType<typeof createCirculationService>;
