import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import fc from 'fast-check';
import { diffText, mapIndexThroughDelta, type TextDelta } from '../../client/live/text-delta.js';

describe('textarea ↔ Y.Text binding', () => {
  it('turns any edit into one replacement that reproduces the new text', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (before, after) => {
        const { index, remove, insert } = diffText(before, after);
        expect(before.slice(0, index) + insert + before.slice(index + remove)).toBe(after);
      }),
    );
    expect(diffText('hello world', 'hello brave world')).toEqual({ index: 6, remove: 0, insert: 'brave ' });
  });

  it('keeps a caret on the same character when someone else types or deletes before or after it', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.nat(), fc.nat(), fc.nat(), fc.string(), (base, caretSeed, atSeed, removeSeed, insert) => {
        const caret = caretSeed % (base.length + 1);
        const at = atSeed % (base.length + 1);
        const remove = removeSeed % (base.length - at + 1);
        // Only edits that leave the caret's character in place have a well-defined answer.
        fc.pre(at + remove <= caret || at > caret || (at === caret && remove === 0));
        const local = new Y.Doc();
        const text = local.getText('t');
        text.insert(0, base);
        let delta: TextDelta = [];
        text.observe((event) => (delta = event.changes.delta as TextDelta));
        local.transact(() => {
          if (remove) text.delete(at, remove);
          if (insert) text.insert(at, insert);
        });
        const mapped = mapIndexThroughDelta(caret, delta);
        // An edit before the caret shifts it; one at or after it (text typed exactly at the caret lands after it)
        // leaves it where its owner was typing.
        const expected = at < caret ? caret - remove + insert.length : caret;
        expect(mapped).toBe(expected);
        expect(text.toString().slice(0, mapped)).toBe(at < caret ? base.slice(0, at) + insert + base.slice(at + remove, caret) : base.slice(0, caret));
      }),
    );
  });
});
