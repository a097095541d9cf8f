/**
 * A version's stored content: the minutes view plus the ids the database rows need (person and agency of owners
 * and attendees). Ids are stripped before anything is presented or exported.
 */
import { createHash } from 'node:crypto';
import { protectiveMarking, type MinutesAgreement, type MinutesAttendee, type MinutesContent, type MinutesPerson, type MinutesView } from '../../../shared/minutes.js';
import type { DraftItem } from './draft-from-doc.js';

export interface StoredContent extends Omit<MinutesContent, 'attendance' | 'items'> {
  attendance: {
    present: (MinutesAttendee & { personId: string | null })[];
    apologies: (MinutesPerson & { personId: string | null })[];
  };
  items: DraftItem[];
}

/**
 * SHA-256 over the content as stored. Key order is fixed by how the content is built, and the JSON column keeps it,
 * so the same content always hashes the same.
 */
export const contentHash = (content: StoredContent): string => createHash('sha256').update(JSON.stringify(content)).digest('hex');

export interface VersionMeta {
  number: number;
  createdAt: number;
  createdBy: MinutesPerson;
  contentHash: string;
  note: string | null;
}

const person = (p: MinutesPerson): MinutesPerson => ({ name: p.name, agency: p.agency });

export function presentMinutes(content: StoredContent, version: VersionMeta, agreement: MinutesAgreement | null = null): MinutesView {
  return {
    agreement,
    marking: protectiveMarking,
    meeting: content.meeting,
    version: { number: version.number, createdAt: new Date(version.createdAt).toISOString(), createdBy: person(version.createdBy), contentHash: version.contentHash, note: version.note },
    confidentialityAcknowledged: content.confidentialityAcknowledged,
    attendance: {
      present: content.attendance.present.map((p) => ({ name: p.name, agency: p.agency, role: p.role, joinedAt: p.joinedAt, leftAt: p.leftAt, acknowledgedAt: p.acknowledgedAt ?? null })),
      apologies: content.attendance.apologies.map(person),
    },
    items: content.items.map((item) => ({
      ...item,
      actions: item.actions.map((a) => ({ id: a.id, what: a.what, owner: a.owner, due: a.due, status: a.status })),
    })),
    distribution: content.distribution,
    extractFor: null,
  };
}
