/** Caret arithmetic for binding a textarea to a Y.Text; pure, so it is unit-tested without a browser. */
export type TextDelta = { retain?: number; insert?: unknown; delete?: number }[];

/**
 * Where a caret at `index` of the old text ends up after `delta`. Text inserted exactly at the caret goes after it,
 * so the person typing there keeps their place.
 */
export function mapIndexThroughDelta(index: number, delta: TextDelta): number {
  let oldPos = 0;
  let mapped = index;
  // Where the current run of inserts/deletes began: a replacement that starts before the caret moves it past the
  // new text even when its insert sits exactly at the caret.
  let editStart = 0;
  for (const op of delta) {
    if (op.retain) {
      oldPos += op.retain;
      editStart = oldPos;
      if (oldPos > index) break;
    } else if (typeof op.insert === 'string') {
      if (oldPos < index || (oldPos === index && editStart < index)) mapped += op.insert.length;
    } else if (op.delete) {
      if (oldPos < index) mapped -= Math.min(op.delete, index - oldPos);
      oldPos += op.delete;
    }
  }
  return Math.max(0, mapped);
}

/** The smallest single replacement turning `before` into `after`: common prefix and suffix are kept. */
export function diffText(before: string, after: string): { index: number; remove: number; insert: string } {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
    endBefore--;
    endAfter--;
  }
  return { index: start, remove: endBefore - start, insert: after.slice(start, endAfter) };
}
