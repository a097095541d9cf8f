/**
 * Reverting part of a client transaction with Yjs's own undo: the structs it inserted and deleted, picked one by
 * one, so honest changes in the same transaction stay. The revert is an ordinary update from the server's client id.
 */
import * as Y from 'yjs';
import type { AnyType, Key } from './doc-layout.js';

/** Calls `f` for every item `tr` inserted, in clock order per client. */
export function forEachInserted(tr: Y.Transaction, f: (item: Y.Item) => void): void {
  tr.afterState.forEach((after, client) => {
    const before = tr.beforeState.get(client) ?? 0;
    if (after <= before) return;
    const structs = tr.doc.store.clients.get(client)!;
    for (let i = Y.findIndexSS(structs, before); i < structs.length && structs[i].id.clock < after; i++) {
      const struct = structs[i];
      if (struct instanceof Y.Item) f(struct);
    }
  });
}

/** True when `item` lies in one of `places` (a map key's value and everything under it, or a list's content). */
export function insidePlaces(item: Y.Item, places: Map<AnyType, Map<Key, string>>): boolean {
  for (let it: Y.Item | null = item; it !== null; ) {
    const parent = it.parent as AnyType;
    const keys = places.get(parent);
    if (keys && (keys.has(null) || keys.has(it.parentSub))) return true;
    it = parent._item;
  }
  return false;
}

/**
 * Undoes the structs of `tr` that `select` picks, with Yjs's UndoManager, as one stack item built here (so honest
 * changes in the same transaction stay). Runs inside `tr`'s afterTransaction: deleted content is not collected yet.
 */
export function revert(doc: Y.Doc, tr: Y.Transaction, select: (item: Y.Item) => boolean, restoreDeleted = true): void {
  const insertions = Y.createDeleteSet();
  const deletions = Y.createDeleteSet();
  const add = (set: typeof insertions, item: Y.Item) => {
    const ranges = set.clients.get(item.id.client) ?? [];
    const last = ranges[ranges.length - 1];
    if (last && last.clock + last.len === item.id.clock) last.len += item.length;
    else ranges.push({ clock: item.id.clock, len: item.length } as (typeof ranges)[number]);
    set.clients.set(item.id.client, ranges);
  };
  forEachInserted(tr, (item) => select(item) && add(insertions, item));
  if (restoreDeleted) {
    Y.iterateDeletedStructs(tr, tr.deleteSet, (struct) => {
      if (struct instanceof Y.Item && select(struct)) add(deletions, struct);
    });
  }
  const undo = new Y.UndoManager(doc, { trackedOrigins: new Set(), captureTimeout: 0 });
  try {
    undo.undoStack.push({ insertions, deletions, meta: new Map() } as unknown as (typeof undo.undoStack)[number]);
    undo.undo();
  } finally {
    undo.destroy();
  }
}
