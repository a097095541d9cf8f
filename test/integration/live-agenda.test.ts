import { describe, expect, it } from 'vitest';
import { addAgendaItem, readAgenda, removeAgendaItem, renameAgendaItem } from '../../shared/meeting-doc.js';
import { demoMeetingId } from '../../server/seed/demo.js';
import { demoAgenda } from '../../server/seed/demo-data.js';
import { liveServer } from '../support/live-server.js';
import { serverEngines } from '../support/server.js';
import { waitForDoc, type YClient } from '../support/yjs-client.js';

const titles = (client: YClient) => readAgenda(client.doc).map((i) => i.title);

describe.each(serverEngines)('live agenda over y-websocket, on $name', ({ engine }) => {
  // A fresh server for each test: the first reads the seeded agenda the others change.
  const live = liveServer({ engine });
  const member = () => live.yclient('member');

  it('serves the seeded agenda to a new client', async () => {
    const a = await member();
    expect(titles(a)).toEqual(demoAgenda.map((i) => i.title));
    expect(readAgenda(a.doc).find((i) => i.caseRef === 'RR-2026-014')?.kind).toBe('new-referral');
  });

  it('converges two clients after concurrent edits, and a late joiner gets everything', async () => {
    const [a, b] = await Promise.all([member(), member()]);
    const first = readAgenda(a.doc)[0];
    // Concurrent: both edit before either sees the other's change.
    const idA = addAgendaItem(a.doc, { kind: 'case-review', title: 'Added by A', caseRef: 'RR-2026-101' });
    removeAgendaItem(b.doc, readAgenda(b.doc).at(-1)!.id);
    const idB = addAgendaItem(b.doc, { kind: 'new-referral', title: 'Added by B', caseRef: 'RR-2026-102' });
    renameAgendaItem(a.doc, first.id, 'Apologies (renamed by A)');
    const expectedIds = (doc: YClient['doc']) => {
      const ids = readAgenda(doc).map((i) => i.id);
      return ids.includes(idA) && ids.includes(idB) && ids.length === demoAgenda.length + 1;
    };
    await Promise.all([waitForDoc(a.doc, expectedIds), waitForDoc(b.doc, expectedIds)]);
    await waitForDoc(b.doc, (d) => readAgenda(d)[0].title === 'Apologies (renamed by A)');
    expect(readAgenda(a.doc)).toEqual(readAgenda(b.doc));
    await Promise.all([a.saved(), b.saved()]);

    const late = await member();
    expect(readAgenda(late.doc)).toEqual(readAgenda(a.doc));
  });

  it('keeps the agenda across a server restart on the same database', async () => {
    const a = await member();
    addAgendaItem(a.doc, { kind: 'case-review', title: 'Survives restart', caseRef: 'RR-2026-200' });
    await a.saved();
    const before = readAgenda(a.doc);
    await live.restart();
    const b = await member();
    expect(readAgenda(b.doc)).toEqual(before);
  });

  it('keeps the agenda across a restart after many updates have been compacted', async () => {
    const a = await member();
    for (let i = 0; i < 600; i++) renameAgendaItem(a.doc, readAgenda(a.doc)[3].id, `Title revision ${i}`);
    await a.saved();
    await live.restart();
    // Folded into one snapshot on the way down: the log the restart starts from is empty, on either engine.
    expect(Number((await live.row("select count(*) as n from meeting_updates where meeting_id = ? and doc = 'shared'", demoMeetingId))!.n)).toBe(0);
    const b = await member();
    expect(readAgenda(b.doc)[3].title).toBe('Title revision 599');
  });
});
