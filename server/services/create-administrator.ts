/**
 * A real install's first administrator (and any later one made from the command line). One use case: validate,
 * find or create the agency, store the person with an argon2id hash, write the audit row — in one transaction.
 * The password is checked here and never stored, logged or audited in clear.
 */
import { hash } from '@node-rs/argon2';
import { z } from 'zod';
import { authLimits } from '../../shared/limits.js';
import { newId } from '../../shared/ids.js';
import { AppError, msg } from '../errors.js';
import type { Storage } from '../db/stores/storage.js';
import { demoPassword } from '../seed/demo-data.js';

const input = z.object({
  email: z.email('email: not an email address').max(254).transform((e) => e.trim().toLowerCase()),
  name: z.string().trim().min(2, 'name: at least 2 characters').max(120, 'name: at most 120 characters'),
  agency: z.string().trim().min(2, 'agency: at least 2 characters').max(120, 'agency: at most 120 characters'),
});
export type AdministratorInput = z.input<typeof input>;

/** Why a password is too weak to guard an administrator, or null if it will do. */
export function passwordWeakness(password: string, about: { email: string; name: string }): string | null {
  if (password.length < authLimits.passwordMinLength) return `at least ${authLimits.passwordMinLength} characters`;
  if (password.length > 200) return 'at most 200 characters';
  if (new Set(password).size < 6) return 'more varied: at least 6 different characters';
  const lower = password.toLowerCase();
  if (lower === demoPassword) return 'not the published demo password';
  const local = about.email.split('@')[0]?.toLowerCase() ?? '';
  if ((local.length >= 4 && lower.includes(local)) || lower.includes(about.name.toLowerCase().replace(/\s+/g, ''))) return 'not built from your email or name';
  if (/^(password|passw0rd|letmein|qwerty|123456|admin)/.test(lower)) return 'not a common password';
  return null;
}

/** Short name for a new agency: its initials (2–12 characters). */
const shortNameOf = (name: string): string => {
  const initials = name.split(/\s+/).map((w) => w.replace(/[^A-Za-z0-9]/g, '').charAt(0)).join('').toUpperCase();
  return (initials.length >= 2 ? initials : name.replace(/[^A-Za-z0-9]/g, '').toUpperCase()).slice(0, 12).padEnd(2, 'X');
};

/** On either engine: `storage` is the SQLite file's or PostgreSQL's (the command line opens the one configured). */
export async function createAdministrator(storage: Storage, raw: AdministratorInput, password: string, now: number) {
  const parsed = input.safeParse(raw);
  if (!parsed.success) throw new AppError('validation_failed', parsed.error.issues[0].message);
  const { email, name, agency } = parsed.data;
  const weakness = passwordWeakness(password, { email, name });
  if (weakness) throw new AppError('validation_failed', msg('errors:passwordMustBe', { weakness }));
  const passwordHash = await hash(password);
  return storage.transaction(async (s) => {
    if (await s.admin.emailTaken(email)) throw new AppError('conflict', msg('errors:emailSomeoneAlreadyUses', { email }));
    const existing = (await s.admin.agencies()).find((a) => a.id === agency || a.name.toLowerCase() === agency.toLowerCase());
    const agencyId = existing?.id ?? `agency-${newId(8)}`;
    if (!existing) await s.admin.createAgency({ id: agencyId, name: agency, shortName: shortNameOf(agency), now });
    const id = `person-${newId(8)}`;
    await s.admin.createPerson({ id, agencyId, name, email, jobTitle: 'Administrator', role: 'admin', passwordHash, createdAt: now });
    await s.audit.record({ actorId: null, action: 'admin.person.create', targetType: 'person', targetId: id, detail: { role: 'admin', via: 'command-line' } }, now);
    return { id, email, agencyId, agencyCreated: !existing, agencyName: existing?.name ?? agency };
  });
}
