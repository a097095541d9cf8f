/**
 * No user-visible string is written into code: every one comes from shared/i18n/locales through t(), so it exists in
 * Welsh and English. test/support/i18n-scan.ts says what counts as user-visible text.
 *
 * Not scanned, on purpose: server/seed (the synthetic demo's records are data, not interface), server/cli,
 * server/main.ts, server/config.ts and server/services/create-administrator.ts (the operator's console: `npm run
 * admin`, in English like the logs), server/db (SQL only).
 *
 * `notYetTranslated` is the work still to do while the interface moves onto the catalogues: each entry must still
 * hold hard-coded text (so a finished file cannot linger here), and it shrinks to nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findHardCodedStrings } from '../support/i18n-scan';

const root = path.resolve(__dirname, '../..');
const notScanned = /^server\/(seed|cli|db)\/|^server\/(main|config)\.ts$|^server\/services\/create-administrator\.ts$|\.d\.ts$/;

const notYetTranslated: string[] = [
];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) return sourceFiles(rel);
    return /\.(ts|tsx)$/.test(e.name) && !notScanned.test(rel) ? [rel] : [];
  });
}

const files = ['client', 'shared', 'server'].flatMap(sourceFiles);
const scan = (file: string) => findHardCodedStrings(file, fs.readFileSync(path.join(root, file), 'utf8'));

describe('no user-visible text outside the i18n catalogues', () => {
  it('finds the kinds of text it is meant to find', () => {
    const found = findHardCodedStrings(
      'probe.tsx',
      `const a = <p title="Open the case">Hello {name}</p>;
       const b = { label: 'Save changes' };
       const c = t('common:save');
       if (e.key === 'Escape') close();
       const d = <div className="govuk-body app-x" data-id="x-y" />;
       log.info('server started');`,
    );
    expect(found.map((f) => f.text)).toEqual(['Open the case', 'Hello', 'Save changes']);
  });

  it('every scanned file takes its words from the catalogues', () => {
    const offenders = files.filter((f) => !notYetTranslated.includes(f)).flatMap(scan);
    expect(offenders.map((f) => `${f.file}:${f.line} ${JSON.stringify(f.text)}`)).toEqual([]);
  });

  it('lists as not yet translated only files that still hold hard-coded text', () => {
    const done = notYetTranslated.filter((f) => !fs.existsSync(path.join(root, f)) || scan(f).length === 0);
    expect(done, 'remove these from notYetTranslated').toEqual([]);
  });
});
