/**
 * Issue 13: no colour copied by hand. Every colour in our stylesheets comes from GOV.UK Frontend (its functions or
 * custom properties), and scripts name palette slots (`client/palette.ts`) rather than writing colours. This reads
 * our own files (not GOV.UK Frontend's) and fails on any hex, rgb() or hsl() literal in them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as sass from 'sass';
import { describe, expect, it } from 'vitest';
import { chartSlots, presenceSlot, presenceSlots } from '../../client/palette';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const client = path.join(root, 'client');

const filesUnder = (dir: string, ext: RegExp): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(full, ext) : ext.test(e.name) ? [full] : [];
  });

/** Comments may name a colour to explain one; only code counts. Line comments only where `//` starts one. */
const withoutComments = (source: string) => source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');

/** A hex colour (#abc, #aabbcc, #aabbccdd) as a value, or rgb()/rgba()/hsl()/hsla() with literal numbers. */
const scssLiteral = /(?<![\w-])#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})\b(?!\s*[{,]\s*$)|\b(?:rgba?|hsla?)\(\s*[\d.%]/g;
/** In scripts a colour is a string: '#1d70b8', "rgb(0, 0, 0)", `hsl(…)` (ids such as '#main' are not hex-only). */
const scriptLiteral = /['"`]\s*#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})\s*['"`]|\b(?:rgba?|hsla?)\(\s*[\d.%]/g;

const literalsIn = (files: string[], pattern: RegExp) =>
  files.flatMap((file) =>
    withoutComments(fs.readFileSync(file, 'utf8'))
      .split('\n')
      .flatMap((line, i) => (line.match(pattern) ?? []).map((hit) => `${path.relative(root, file)}:${i + 1}: ${hit.trim()}`)),
  );

describe('colours come from GOV.UK Frontend, never written by hand', () => {
  it('finds no hex, rgb() or hsl() literal in our stylesheets', () => {
    const sheets = filesUnder(path.join(client, 'styles'), /\.s?css$/);
    expect(sheets.length).toBeGreaterThan(5);
    expect(literalsIn(sheets, scssLiteral)).toEqual([]);
  });

  it('finds none in the client’s scripts either (inline styles, canvas colours, caret colours)', () => {
    const scripts = filesUnder(client, /\.tsx?$/);
    expect(scripts.length).toBeGreaterThan(50);
    expect(literalsIn(scripts, scriptLiteral)).toEqual([]);
  });

  it('would notice a literal: the patterns catch each form', () => {
    for (const bad of ['color: #1d70b8;', 'border: 1px solid #fff;', 'background: rgba(0, 0, 0, 0.25);', 'color: hsl(210 50% 40%);']) {
      expect(bad.match(scssLiteral), bad).not.toBeNull();
    }
    for (const good of ['color: govuk-colour("blue");', 'box-shadow: 0 0 0 rgba(govuk-functional-colour(text), 0.25);', '--x-#{$i}: 1;']) {
      expect(good.match(scssLiteral), good).toBeNull();
    }
    for (const bad of ["const c = '#1d4ed8';", 'style={{ color: "#fff" }}', "backgroundColor: 'rgb(29, 112, 184)'"]) {
      expect(bad.match(scriptLiteral), bad).not.toBeNull();
    }
    expect("href='#main'".match(scriptLiteral)).toBeNull();
  });

  it('defines every palette slot the scripts use, from GOV.UK colours, with white name labels readable on presence colours', () => {
    // As Vite resolves it: `govuk-frontend` and `govuk-frontend/…` by the package's "sass" exports.
    const govuk = path.join(root, 'node_modules/govuk-frontend/dist/govuk');
    const importer = {
      findFileUrl: (url: string) => (url === 'govuk-frontend' ? pathToFileURL(path.join(govuk, 'index.scss')) : url.startsWith('govuk-frontend/') ? pathToFileURL(path.join(govuk, url.slice('govuk-frontend/'.length))) : null),
    };
    const css = sass.compile(path.join(client, 'styles/main.scss'), { importers: [importer], quietDeps: true, logger: sass.Logger.silent }).css;
    const slot = (name: string) => css.match(new RegExp(`--${name}:\\s*(#[0-9a-fA-F]{6})`))?.[1] ?? null;
    const luminance = (hex: string) => {
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const presence = Array.from({ length: presenceSlots }, (_, i) => slot(`app-presence-${i + 1}`));
    expect(presence.every(Boolean), JSON.stringify(presence)).toBe(true);
    expect(slot(`app-presence-${presenceSlots + 1}`)).toBeNull();
    expect(new Set(presence).size).toBe(presenceSlots);
    for (const colour of presence as string[]) expect(1.05 / (luminance(colour) + 0.05), colour).toBeGreaterThanOrEqual(4.5);
    const chart = Array.from({ length: chartSlots }, (_, i) => slot(`app-chart-${i + 1}`));
    expect(chart.every(Boolean), JSON.stringify(chart)).toBe(true);
    expect(slot(`app-chart-${chartSlots + 1}`)).toBeNull();
    // Every person lands in a defined slot, always the same one.
    for (const id of ['u-chair', 'u-mh', 'x', '']) {
      expect(presenceSlot(id)).toBeGreaterThanOrEqual(1);
      expect(presenceSlot(id)).toBeLessThanOrEqual(presenceSlots);
      expect(presenceSlot(id)).toBe(presenceSlot(id));
    }
  });
});
