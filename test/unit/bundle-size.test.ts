/**
 * The first screen (sign-in, then the meetings list) must load less than 250 kB of JavaScript, gzipped: the entry
 * chunk plus everything it imports statically. Screens load on demand (React.lazy per route), so the live room's
 * editor, Yjs and drag-and-drop stay out of it. Reads the build manifest that `npm run build` (or the global setup)
 * wrote to dist/client.
 */
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { rootDir } from '../support/process.js';

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

const dist = path.join(rootDir, 'dist/client');
const manifest = JSON.parse(fs.readFileSync(path.join(dist, '.vite/manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
const gzipKb = (file: string) => gzipSync(fs.readFileSync(path.join(dist, file)), { level: 9 }).length / 1024;

/** The chunk keys a chunk pulls in before it can run: itself and its static imports, transitively. */
function staticClosure(key: string, seen = new Set<string>()): Set<string> {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const next of manifest[key].imports ?? []) staticClosure(next, seen);
  return seen;
}

describe('the client bundle', () => {
  const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry)!;
  const firstScreen = [...staticClosure(entryKey)];
  const firstScreenKb = firstScreen.reduce((sum, k) => sum + gzipKb(manifest[k].file), 0);

  it('loads less than 250 kB of JavaScript (gzip) for the first screen', () => {
    console.info(`first screen: ${firstScreenKb.toFixed(1)} kB gzip in ${firstScreen.length} chunks (${firstScreen.map((k) => manifest[k].file).join(', ')})`);
    expect(firstScreenKb).toBeLessThan(250);
  });

  it('splits by route: the meeting room, minutes, admin and action tracker load only when opened', () => {
    const lazyScreens = ['screens/meeting/MeetingPage.tsx', 'screens/minutes/MinutesPage.tsx', 'screens/admin/AdminPage.tsx', 'screens/actions/ActionTracker.tsx'];
    for (const screen of lazyScreens) {
      expect(manifest[entryKey].dynamicImports).toContain(screen);
      expect(firstScreen).not.toContain(screen);
    }
    // The collaborative editor (TipTap + ProseMirror) is the heaviest code; it must not be on the first screen.
    const files = firstScreen.map((k) => manifest[k].file).join(' ');
    expect(files).not.toMatch(/CaseNotes|MeetingPage/);
  });
});
