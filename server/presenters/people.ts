import type { Actor } from '../policies/index.js';
import type { UserView } from '../../shared/api-types.js';

export const presentActor = (a: Actor): UserView => ({
  id: a.id,
  name: a.name,
  email: a.email,
  agency: { id: a.agencyId, name: a.agencyName },
  role: a.globalRole,
  language: a.language,
});
