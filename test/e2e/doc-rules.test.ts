/**
 * Issue 12 item 4 on screen: content never stops a meeting ending. An action's owner taken out of the series during
 * the meeting is recorded unassigned, and the chair reads so on the meeting screen when ending.
 */
import { describe, expect, it } from 'vitest';
import { demoMeetingId } from '../../server/seed/demo.js';
import type { MeetingDetailView } from '../../shared/api-types.js';
import { readAgenda } from '../../shared/meeting-doc.js';
import { addAction, type PersonRef } from '../../shared/item-work.js';
import { browserHarness } from '../support/e2e.js';
import { signedInPage } from '../support/browser-session.js';
import { seriousAxeViolations } from '../support/axe.js';
import { demoActors } from '../support/demo-actors.js';
import { connectYClient } from '../support/yjs-client.js';

const path = `/meetings/${demoMeetingId}`;

describe('ending with an owner no longer on record, in Chromium', () => {
  const h = browserHarness();
  const actors = demoActors(() => h.server.url);

  it('ends, and tells the chair which action is recorded unassigned', async () => {
    const chair = await signedInPage(h.browser, h.server.url, 'chair@demo.triage.test', path);
    await chair.page.getByRole('button', { name: 'Open the meeting' }).click();
    const { body } = await actors.api<{ meeting: MeetingDetailView }>('chair', path);
    const housing = body.meeting.participants.find((p) => p.name === 'Taylor Housing')! as PersonRef;
    const member = connectYClient(h.server.url, demoMeetingId, { headers: { cookie: await actors.cookie('member') } });
    await member.synced;
    const item = readAgenda(member.doc).find((i) => i.caseRef)!;
    addAction(member.doc, item.id, { what: 'Check the tenancy with the landlord', owner: housing });
    await member.saved();
    member.destroy();
    expect((await actors.api('admin', `/admin/series/${body.meeting.series.id}/members/${housing.id}`, { method: 'DELETE' })).status).toBeLessThan(300);

    await chair.page.getByRole('button', { name: 'End the meeting', exact: true }).click();
    await chair.page.getByRole('button', { name: 'Yes, end the meeting' }).click();
    const notice = chair.page.getByRole('status').filter({ hasText: 'Recorded differently from the document' });
    await notice.waitFor({ timeout: 10_000 });
    expect(await notice.textContent()).toContain(`“Check the tenancy with the landlord” (${item.title}) is recorded unassigned: its owner is not part of this meeting`);
    await chair.page.getByRole('link', { name: 'read the minutes' }).waitFor();
    expect(await seriousAxeViolations(chair.page)).toEqual([]);
    await chair.context.close();
  });
});
