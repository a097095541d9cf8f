/** Synthetic minutes for the export tests: invented people, pseudonymous case references. */
import type { MinutesAction, MinutesItem, MinutesView } from '../../shared/minutes.js';

export const agencies = {
  council: 'Children’s Services',
  health: 'NHS Mental Health',
  police: 'Police',
  housing: 'Housing Options',
} as const;

export const people = {
  chair: { name: 'Alex Marsh', agency: agencies.council },
  scribe: { name: 'Priya Dale', agency: agencies.council },
  nurse: { name: 'Sam Oduya', agency: agencies.health },
  officer: { name: 'Jo Brenner', agency: agencies.police },
  housing: { name: 'Rhys Tal', agency: agencies.housing },
};

export const action = (over: Partial<MinutesAction> & { id: string }): MinutesAction => ({
  what: 'Share safety plan',
  owner: people.nurse,
  due: '2026-12-08',
  status: 'open',
  ...over,
});

export const standingItem = (number: number, title: string, background: string[] = []): MinutesItem => ({
  id: `item-${number}`,
  number,
  kind: 'apologies',
  title,
  caseRef: null,
  agencies: [],
  background,
  contributions: [],
  decision: null,
  actions: [],
});

export const caseItem = (number: number, over: Partial<MinutesItem> = {}): MinutesItem => ({
  id: `item-${number}`,
  number,
  kind: 'new-referral',
  title: `Referral ${number}`,
  caseRef: `RR-2026-${String(number).padStart(3, '0')}`,
  agencies: [agencies.council, agencies.health],
  background: [`Discussion of referral ${number}.`],
  contributions: [{ agency: agencies.health, author: people.nurse.name, text: 'Known to perinatal team.' }],
  decision: {
    number: `${String(number).padStart(3, '0')}/2026`,
    outcome: 'allocate',
    text: `Allocate case ${number} to the advocacy coordinator.`,
    reasons: 'Two previous removals; consent to share given.',
  },
  actions: [action({ id: `act-${number}` })],
  ...over,
});

/** A small meeting: two standing items and two case items with actions owned by different agencies. */
export const minutesView = (over: Partial<MinutesView> = {}): MinutesView => ({
  marking: 'OFFICIAL-SENSITIVE',
  agreement: null,
  meeting: {
    id: 'mtg-1',
    seriesName: 'Repeat Removals Triage',
    title: 'Weekly triage',
    heldAt: '2026-12-01T10:00:00.000Z',
    venue: 'Civic Centre, Room 2 and Teams',
    chair: people.chair,
    minuteTaker: people.scribe,
    nextMeetingAt: '2026-12-08T10:00:00.000Z',
  },
  version: {
    number: 1,
    createdAt: '2026-12-01T12:00:00.000Z',
    createdBy: people.scribe,
    contentHash: 'ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12',
    note: null,
  },
  confidentialityAcknowledged: true,
  attendance: {
    present: [
      { ...people.chair, role: 'chair', joinedAt: '2026-12-01T10:00:00.000Z', leftAt: null, acknowledgedAt: '2026-12-01T10:01:00.000Z' },
      { ...people.nurse, role: 'member', joinedAt: '2026-12-01T10:02:00.000Z', leftAt: null, acknowledgedAt: '2026-12-01T10:03:00.000Z' },
      { ...people.officer, role: 'member', joinedAt: null, leftAt: null, acknowledgedAt: '2026-12-01T10:04:00.000Z' },
    ],
    apologies: [people.housing],
  },
  items: [
    standingItem(1, 'Apologies', ['Apologies were received from Housing Options.']),
    standingItem(2, 'Confidentiality statement'),
    caseItem(3, {
      title: 'New referral, "urgent"',
      actions: [
        action({ id: 'act-3a', what: 'Book joint home visit', owner: people.nurse }),
        action({ id: 'act-3b', what: 'Run PNC check', owner: people.officer, due: '2026-12-04', status: 'done' }),
      ],
      agencies: [agencies.council, agencies.health, agencies.police],
    }),
    caseItem(4, {
      kind: 'case-review',
      agencies: [agencies.council],
      contributions: [],
      decision: { number: '012/2026', outcome: 'signpost', text: 'Signpost to tenancy support.', reasons: 'Housing is the main need.' },
      actions: [action({ id: 'act-4', what: 'Refer to tenancy support', owner: people.housing, due: null })],
    }),
  ],
  distribution: ['All members of the Repeat Removals Triage', 'Designated safeguarding leads'],
  extractFor: null,
  ...over,
});

/** A long meeting of `count` case items, for the volume test. */
export const longMeeting = (count: number): MinutesView =>
  minutesView({ items: Array.from({ length: count }, (_, i) => caseItem(i + 1)) });
