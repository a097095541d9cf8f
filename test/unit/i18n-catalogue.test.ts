/**
 * The two catalogues stay complete and consistent: every namespace and key in English exists in Welsh (Welsh plural
 * forms included), each translation keeps the same {{placeholders}}, nothing is empty, and no Welsh entry is the
 * English copied across (except names and abbreviations that are the same in both languages).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../../shared/i18n/locales');
const pluralSuffix = /_(zero|one|two|few|many|other)$/;
/** The same in both languages: product and file-format names, abbreviations, symbols. */
const sameInBoth = new Set(['Triage Room', 'CSV', 'PDF', 'Word', 'ICS', 'OK', 'English', 'Cymraeg', 'Email', 'Agenda', 'iCalendar', 'ID', 'Chart.js']);

function flatten(value: unknown, prefix = '', out = new Map<string, string>()): Map<string, string> {
  if (typeof value === 'string') out.set(prefix, value);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  else out.set(prefix, String(value));
  return out;
}
const load = (lang: string, ns: string) => flatten(JSON.parse(fs.readFileSync(path.join(root, lang, `${ns}.json`), 'utf8')));
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]).sort();
const base = (key: string) => key.replace(pluralSuffix, '');
const group = (entries: Map<string, string>) => {
  const byBase = new Map<string, { forms: string[]; vars: Set<string> }>();
  for (const [key, text] of entries) {
    const b = byBase.get(base(key)) ?? { forms: [], vars: new Set<string>() };
    b.forms.push(key.match(pluralSuffix)?.[1] ?? '');
    for (const v of placeholders(text)) b.vars.add(v);
    byBase.set(base(key), b);
  }
  return byBase;
};

const namespaces = fs.readdirSync(path.join(root, 'en')).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5));

describe('i18n catalogues', () => {
  it('has the same namespaces in both languages', () => {
    const cy = fs.readdirSync(path.join(root, 'cy')).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5));
    expect(cy.sort()).toEqual([...namespaces].sort());
    expect(namespaces).toContain('common');
  });

  for (const ns of namespaces) {
    it(`${ns}: every English key has a Welsh translation with the same placeholders`, () => {
      const en = group(load('en', ns));
      const cy = group(load('cy', ns));
      expect([...cy.keys()].sort()).toEqual([...en.keys()].sort());
      for (const [key, e] of en) {
        const c = cy.get(key)!;
        expect([...c.vars].sort(), `${ns}:${key} placeholders`).toEqual([...e.vars].filter((v) => v !== 'count' || c.vars.has('count')).sort());
        // Plural keys: English needs one/other; Welsh has six forms and needs at least other (and usually all six).
        if (e.forms.some((f) => f !== '')) {
          expect(e.forms.sort(), `${ns}:${key} English plural forms`).toEqual(expect.arrayContaining(['one', 'other']));
          expect(c.forms, `${ns}:${key} Welsh plural forms`).toContain('other');
        }
      }
    });

    it(`${ns}: no entry is empty and no Welsh entry is the English copied across`, () => {
      const en = load('en', ns);
      const cy = load('cy', ns);
      for (const [key, text] of [...en, ...cy]) expect(text.trim(), `${ns}:${key}`).not.toBe('');
      for (const [key, text] of cy) {
        const english = en.get(key) ?? en.get(`${base(key)}_other`) ?? en.get(base(key));
        if (english === undefined || !/\p{L}{2,}/u.test(text.replace(/\{\{[^}]*\}\}/g, ''))) continue;
        if (sameInBoth.has(text.trim())) continue;
        expect(text, `${ns}:${key} is still English`).not.toBe(english);
      }
    });
  }
});
