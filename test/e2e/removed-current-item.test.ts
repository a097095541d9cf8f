import { describe, expect, it } from 'vitest';
import { demoMeetingId } from '../../server/seed/demo.js';
import { readAgenda, removeAgendaItem } from '../../shared/meeting-doc.js';
import { roomEvents } from '../../shared/room-protocol.js';
import { seriousAxeViolations } from '../support/axe.js';
import { signedInPage } from '../support/browser-session.js';
import { demoActors } from '../support/demo-actors.js';
import { browserHarness } from '../support/e2e.js';
import { connectRoom } from '../support/room-client.js';
import { demoUsers } from '../support/session.js';
import { connectYClient } from '../support/yjs-client.js';

const m = { meetingId: demoMeetingId };

describe('the room says so when the item being discussed is removed, in Chromium', () => {
  const h = browserHarness();
  const { cookie } = demoActors(() => h.server.url);

  it('a member reads an "Agenda changed" banner naming the item, until the chair moves on', async () => {
    const chair = await connectRoom(h.server.url, await cookie('chair'));
    await chair.emit(roomEvents.join, m);
    expect((await chair.emit(roomEvents.open, m)).ok).toBe(true);
    const y = connectYClient(h.server.url, demoMeetingId, { headers: { cookie: await cookie('chair') } });
    await y.synced;
    const [discussed, next] = readAgenda(y.doc).filter((i) => i.caseRef);
    expect((await chair.emit(roomEvents.move, { ...m, itemId: discussed.id })).ok).toBe(true);

    const { page } = await signedInPage(h.browser, h.server.url, demoUsers.member, `/meetings/${demoMeetingId}`);
    page.setDefaultTimeout(10_000);
    await page.getByText(/Meeting status:\s*live/).first().waitFor();
    const banner = page.locator('#room-notice');
    expect(await banner.count()).toBe(0);

    removeAgendaItem(y.doc, discussed.id, 'Morgan Chair');
    await banner.getByRole('heading', { name: 'Agenda changed' }).waitFor();
    expect(await banner.textContent()).toContain(`“${discussed.title}” was removed from the agenda by Morgan Chair while it was being discussed`);
    expect(await seriousAxeViolations(page)).toEqual([]);

    expect((await chair.emit(roomEvents.move, { ...m, itemId: next.id })).ok).toBe(true);
    await banner.waitFor({ state: 'detached' });
    chair.close();
    y.destroy();
  });
});
