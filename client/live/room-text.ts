/**
 * The room's server messages put into words: the server sends codes and data (shared/doc-refusals.ts,
 * shared/room-protocol.ts), the screen words them in the reader's language from the `room` namespace.
 */
import type { TFunction } from 'i18next';
import { refusalLimit, type DocRefusal } from '../../shared/doc-refusals';
import type { RoomNotice, UnassignedNotice } from '../../shared/room-protocol';
import { formatNumber } from '../../shared/i18n/format';
import type { Language } from '../../shared/i18n/languages';

/** Every reason an edit was not kept, each once, as sentences. */
export function refusalText(t: TFunction<'room'>, lang: Language, reasons: DocRefusal[]): string {
  return reasons
    .map((code) => {
      const max = refusalLimit(code);
      return t(`refused.${code}`, { max: max === null ? '' : formatNumber(lang, max) });
    })
    .join('. ');
}

export function noticeText(t: TFunction<'room'>, notice: RoomNotice): string {
  if (notice.title === null) return t('notice.removedCurrentUnknown');
  return notice.by ? t('notice.removedCurrentBy', { title: notice.title, name: notice.by }) : t('notice.removedCurrent', { title: notice.title });
}

export const unassignedText = (t: TFunction<'room'>, notice: UnassignedNotice): string => t('panel.unassigned', { what: notice.what, item: notice.item });
