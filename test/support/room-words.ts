/**
 * The room's server messages as a reader sees them: the server sends codes and data, the screen words them from the
 * `room` catalogue (client/live/room-text.ts). Tests read them back in words with the same catalogues, so a wrong
 * code or a lost placeholder shows as wrong words.
 */
import type { TFunction } from 'i18next';
import { translator } from '../../server/i18n';
import type { DocRefusal } from '../../shared/doc-refusals';
import type { Language } from '../../shared/i18n/languages';
import type { RoomNotice, UnassignedNotice } from '../../shared/room-protocol';
import { noticeText, refusalText, unassignedText } from '../../client/live/room-text';

const roomT = (lang: Language) => translator(lang) as unknown as TFunction<'room'>;
const inRoom = (lang: Language): TFunction<'room'> => ((key: string, options?: object) => roomT(lang)(key as never, { ns: 'room', ...options } as never)) as unknown as TFunction<'room'>;

export const refusalWords = (reasons: DocRefusal[], lang: Language = 'en') => refusalText(inRoom(lang), lang, reasons);
export const noticeWords = (notice: RoomNotice, lang: Language = 'en') => noticeText(inRoom(lang), notice);
export const unassignedWords = (notice: UnassignedNotice, lang: Language = 'en') => unassignedText(inRoom(lang), notice);
export const roomWords = (key: string, lang: Language = 'en', values: Record<string, unknown> = {}) => inRoom(lang)(key as never, values as never) as unknown as string;
