/**
 * Messages written once in code and read in each language (shared/i18n/message.ts), through the server's real
 * catalogues: a message turns into the reader's words with its values exactly as given; anything a person typed comes
 * back untouched, however it looks (a key, the invisible mark, JSON), and nothing throws.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localiserFor } from '../../server/i18n';
import { isMessage, msg } from '../../shared/i18n/message';

const [en, cy] = [localiserFor('en'), localiserFor('cy')];

describe('messages in the reader’s language', () => {
  it('reads a message in each language, its values in place, a nested message translated too', () => {
    const taken = msg('series:errors.prefixTaken', { prefix: 'RR', name: 'Repeat Removals Triage' });
    expect(en(taken)).toBe('RR is already the case reference prefix of Repeat Removals Triage: choose another');
    expect(cy(taken)).toBe('RR yw rhagddodiad cyfeirnodau achos Repeat Removals Triage eisoes: dewiswch un arall');
    const state = msg('cases:errors.referralAlready', { state: msg('cases:status.referral.declined') });
    expect(cy(state)).toBe('Mae’r atgyfeiriad hwn wedi’i wrthod eisoes');
    expect(en(state)).toBe('This referral is already declined');
    // A validation summary keeps its field path before the message.
    expect(cy(`name: ${msg('series:errors.name')}`)).toBe('name: Rhowch enw’r gyfres');
  });

  it('never looks up a value a person wrote, even one that reads like a key', () => {
    const sneaky = msg('series:errors.prefixTaken', { prefix: 'RR', name: 'common:loading' });
    expect(en(sneaky)).toBe('RR is already the case reference prefix of common:loading: choose another');
    expect(en('common:loading')).toBe('common:loading');
    expect(cy('series:errors.name')).toBe('series:errors.name');
  });

  it('passes any value through exactly, in both languages (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (prefix, name) => {
        const text = msg('series:errors.prefixTaken', { prefix, name });
        expect(isMessage(text)).toBe(true);
        expect(en(text)).toBe(`${prefix} is already the case reference prefix of ${name}: choose another`);
        expect(cy(text)).toBe(`${prefix} yw rhagddodiad cyfeirnodau achos ${name} eisoes: dewiswch un arall`);
      }),
    );
  });

  it('returns any other text unchanged and never throws, whatever it holds (property)', () => {
    const mark = '\u2063';
    const hostile = fc.oneof(
      fc.string(),
      fc.string().map((s) => `${mark}${s}`),
      fc.tuple(fc.constantFrom('series:errors.name', 'cases:errors.caseIs', 'nope:missing', 'x'), fc.string()).map(([k, s]) => `${mark}${k}${mark}${s}`),
      fc.tuple(fc.string(), fc.jsonValue()).map(([s, j]) => `${s}${mark}series:errors.overlaps${mark}${JSON.stringify(j)}`),
    );
    fc.assert(
      fc.property(hostile, (text) => {
        for (const localise of [en, cy]) {
          const out = localise(text);
          expect(typeof out).toBe('string');
          if (!isMessage(text) && !/^[\w.]+: \u2063/.test(text)) expect(out).toBe(text);
        }
      }),
    );
  });
});
