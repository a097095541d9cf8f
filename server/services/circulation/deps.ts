import type Database from 'better-sqlite3';
import type { CirculationRepo } from '../../db/circulation-repo.js';
import type { MembershipRepo } from '../../db/membership-repo.js';
import type { OutboxRepo } from '../../db/outbox-repo.js';
import type { Policies } from '../../policies/index.js';
import type { Audit } from '../audit-service.js';
import type { Sender } from '../mail/sender.js';
import type { MinutesService } from '../minutes/minutes-service.js';

export interface CirculationDeps {
  sqlite: Database.Database;
  policies: Policies;
  membership: MembershipRepo;
  minutes: MinutesService;
  circulation: CirculationRepo;
  outbox: OutboxRepo;
  audit: Audit;
  sender: Sender;
  now: () => number;
}
