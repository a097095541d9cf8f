/**
 * What the document's rules (server/realtime/doc-rules.ts) cost on the write path: applying a client's update to
 * the server's Y.Doc with and without the guard in its afterTransaction, per update. Typical updates (a keystroke
 * in notes, in a contribution, a map write as the benchmark's clients send) pass without any undo machinery; a
 * forbidden one (a contribution under another agency) is reverted with a UndoManager built for it.
 * `npx tsx test/bench/micro/doc-rules.ts`. CPU time per update, median of 5 rounds.
 */
import * as Y from 'yjs';
import { addAgendaItem, notesFragment } from '../../../shared/meeting-doc.js';
import { contributionText, joinContribution } from '../../../shared/item-work.js';
import { DocGuard, type DocWriter } from '../../../server/realtime/doc-rules.js';
import { median } from '../stats.js';

const cpuMicros = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};
const writer: DocWriter = { personId: 'p-housing', name: 'Taylor Housing', agencyId: 'a-housing', agencyName: 'Housing Options', role: 'member' };
const context = { meetingStatus: () => 'live' as const, participant: () => null };

/** A client doc with one agenda item and its notes paragraph, and the updates `edit` produces n times. */
function recorded(n: number, edit: (doc: Y.Doc, itemId: string, i: number) => void): { base: Uint8Array; updates: Uint8Array[] } {
  const doc = new Y.Doc();
  const itemId = addAgendaItem(doc, { kind: 'case-review', title: 'Case' });
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText('')]);
  notesFragment(doc, itemId).insert(0, [paragraph]);
  joinContribution(doc, itemId, { id: writer.personId, name: writer.name, agencyId: writer.agencyId, agencyName: writer.agencyName });
  const base = Y.encodeStateAsUpdate(doc);
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  for (let i = 0; i < n; i++) edit(doc, itemId, i);
  return { base, updates };
}

function perUpdate({ base, updates }: { base: Uint8Array; updates: Uint8Array[] }, guarded: boolean): number {
  const rounds: number[] = [];
  for (let r = 0; r < 6; r++) {
    const server = new Y.Doc();
    Y.applyUpdate(server, base);
    const origin = { conn: true };
    if (guarded) {
      const guard = new DocGuard(server, context);
      server.on('afterTransaction', (tr: Y.Transaction) => {
        if (tr.origin === origin) guard.check(tr, writer);
      });
    }
    const t0 = cpuMicros();
    for (const u of updates) Y.applyUpdate(server, u, origin);
    if (r > 0) rounds.push((cpuMicros() - t0) / updates.length);
  }
  return median(rounds);
}

const n = 2_000;
const cases: [string, (doc: Y.Doc, itemId: string, i: number) => void][] = [
  ['keystroke in notes', (doc, itemId, i) => ((notesFragment(doc, itemId).get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(i, 'x')],
  ['keystroke in own contribution', (doc, itemId, i) => contributionText(doc, itemId, writer.agencyId, 'knows').insert(i, 'x')],
  [
    'keystroke after 1,000 paragraphs',
    (doc, itemId, i) => {
      const notes = notesFragment(doc, itemId);
      if (i === 0) for (let p = 0; p < 1_000; p++) notes.insert(notes.length, [Object.assign(new Y.XmlElement('paragraph'), {})]);
      if (i === 0) for (let p = 1; p <= 1_000; p++) (notes.get(p) as Y.XmlElement).insert(0, [new Y.XmlText('y'.repeat(200))]);
      ((notes.get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'x');
    },
  ],
  ['map write (bench client)', (doc, _itemId, i) => doc.getMap('bench').set(String(i % 30), { seq: i, t: i })],
  ['forbidden: under another agency', (doc, itemId, i) => contributionText(doc, itemId, 'a-police', 'knows').insert(0, String(i % 10))],
];
// Warm up the JIT on the first case, so its figures are comparable with the rest.
perUpdate(recorded(n, cases[0][1]), true);
perUpdate(recorded(n, cases[0][1]), false);
for (const [name, edit] of cases) {
  const updates = recorded(n, edit);
  const without = perUpdate(updates, false);
  const withRules = perUpdate(updates, true);
  console.log(`${name.padEnd(34)} without rules ${without.toFixed(2).padStart(7)} µs   with rules ${withRules.toFixed(2).padStart(7)} µs   (+${(withRules - without).toFixed(2)} µs)`);
}
