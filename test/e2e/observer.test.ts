import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';

import { demoMeetingId } from '../../server/seed/demo.js';
import { addAgendaItem, readAgenda } from '../../shared/meeting-doc.js';
import { yMessage } from '../../shared/protocol.js';
import { browserHarness } from '../support/e2e.js';
import { signedInPage } from '../support/browser-session.js';
import { demoUsers, signIn } from '../support/session.js';
import { connectYClient } from '../support/yjs-client.js';

/** The agenda list itself: item titles also appear in the notes picker. */
const agenda = (page: Page) => page.getByRole('list', { name: 'Agenda items' });

describe('an observer in Chromium', () => {
  const h = browserHarness();

  it('sees a read-only agenda, and a write forced from its page is refused by the server', async () => {
    const { context, page } = await signedInPage(h.browser, h.server.url, demoUsers.observer, `/meetings/${demoMeetingId}`);
    await agenda(page).getByText('Review: housing and tenancy support', { exact: true }).waitFor({ state: 'visible' });
    await page.getByRole('status').filter({ hasText: 'Read only' }).waitFor({ state: 'visible' });
    expect(await page.getByRole('button', { name: 'Add item' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Remove / }).count()).toBe(0);

    // Forge a real agenda update and send it over a socket opened by the page itself (with its cookie).
    const forged = new Y.Doc();
    addAgendaItem(forged, { kind: 'case-review', title: 'Forged by observer', caseRef: 'RR-2026-999' });
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, yMessage.sync);
    syncProtocol.writeUpdate(encoder, Y.encodeStateAsUpdate(forged));
    const frame = Array.from(encoding.toUint8Array(encoder));
    const reply = await page.evaluate(
      ({ frame, meetingId }) =>
        new Promise<string>((resolve, reject) => {
          const ws = new WebSocket(`ws://${location.host}/yjs/${meetingId}`);
          ws.binaryType = 'arraybuffer';
          ws.onopen = () => ws.send(new Uint8Array(frame));
          ws.onerror = () => reject(new Error('socket error'));
          ws.onmessage = (event) => {
            const bytes = new Uint8Array(event.data as ArrayBuffer);
            // Status frames are type 100 (one varint byte), then a length-prefixed JSON string.
            if (bytes[0] === 100) {
              const text = new TextDecoder().decode(bytes.slice(1));
              if (text.includes('read-only')) {
                ws.close();
                resolve(text);
              }
            }
          };
        }),
      { frame, meetingId: demoMeetingId },
    );
    expect(reply).toContain('read-only');

    const member = connectYClient(h.server.url, demoMeetingId, { headers: { cookie: await signIn(h.server.url, demoUsers.member) } });
    await member.synced;
    expect(readAgenda(member.doc).map((i) => i.title)).not.toContain('Forged by observer');
    member.destroy();
    await context.close();
  });
});
