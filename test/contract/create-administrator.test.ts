/**
 * A real install's first administrator, made by the command line's command on either engine: the person (argon2id
 * hash, never the password), a new agency or the existing one of that name, and one audit row, in one transaction;
 * a taken email or a weak password is refused with its message and nothing is stored.
 */
import { verify } from '@node-rs/argon2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../server/errors.js';
import { createAdministrator } from '../../server/services/create-administrator.js';
import { contractEngines, type EngineUnderTest } from './engines.js';

const t0 = Date.UTC(2026, 10, 24, 10);
const password = 'a-Strong-enough-passphrase';

describe.each(contractEngines)('creating an administrator on $name', (engine) => {
  let db: EngineUnderTest;
  beforeAll(async () => {
    db = await engine.open();
    await db.insert('agencies', [{ id: 'ag-council', name: 'Borough Council', shortName: 'BC', createdAt: t0 }]);
  });
  afterAll(() => db?.close());

  it('stores the person with a hash, a new agency when none has the name, and one audit row', async () => {
    const made = await createAdministrator(db.storage, { email: 'Head.Admin@Health.example', name: 'Harper Head', agency: 'Health Board' }, password, t0);
    expect(made).toMatchObject({ email: 'head.admin@health.example', agencyCreated: true, agencyName: 'Health Board' });
    const [person] = await db.rows('people', 'id', made.id);
    expect(person).toMatchObject({ email: 'head.admin@health.example', name: 'Harper Head', role: 'admin', agency_id: made.agencyId, created_at: t0 });
    expect(String(person.password_hash)).toMatch(/^\$argon2id\$/);
    expect(await verify(String(person.password_hash), password)).toBe(true);
    expect(await db.rows('agencies', 'id', made.agencyId)).toEqual([expect.objectContaining({ name: 'Health Board', short_name: 'HB' })]);
    const audit = await db.rows('audit_log', 'target_id', made.id);
    expect(audit.map((r) => [r.action, r.actor_id])).toEqual([['admin.person.create', null]]);
    expect(JSON.stringify(audit)).not.toContain(password);
  });

  it('joins the agency of that name whatever its case, creating none', async () => {
    const made = await createAdministrator(db.storage, { email: 'second@council.example', name: 'Sam Second', agency: 'borough council' }, password, t0);
    expect(made).toMatchObject({ agencyId: 'ag-council', agencyCreated: false, agencyName: 'Borough Council' });
  });

  it('refuses a taken email and a weak password with their messages, storing nothing', async () => {
    const before = await db.count('people', 'role', 'admin');
    await expect(createAdministrator(db.storage, { email: 'SECOND@council.example', name: 'Other Person', agency: 'New Agency' }, password, t0)).rejects.toThrow(
      /someone already uses second@council\.example/,
    );
    await expect(createAdministrator(db.storage, { email: 'new@council.example', name: 'New Person', agency: 'New Agency' }, 'short', t0)).rejects.toBeInstanceOf(AppError);
    expect(await db.count('people', 'role', 'admin')).toBe(before);
    expect(await db.count('agencies', 'name', 'New Agency')).toBe(0);
  });
});
