import type { Storage } from '../../db/stores/storage.js';
import type { Policies } from '../../policies/index.js';
import type { Sender } from '../mail/sender.js';
import type { MinutesService } from '../minutes/minutes-service.js';

export interface CirculationDeps {
  storage: Storage;
  policies: Policies;
  minutes: MinutesService;
  sender: Sender;
  now: () => number;
}
