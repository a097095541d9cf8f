/**
 * Where a change lands in a meeting document's layout (shared/meeting-doc.ts, shared/item-work.ts): root names, the
 * type each root must have, and the size of a notes fragment. Used by the rules (doc-rules.ts) to place each struct.
 */
import * as Y from 'yjs';

export type Key = string | null;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any Yjs type; its events are never read here
export type AnyType = Y.AbstractType<any>;
/** One place a change lands: a key of a map, or (key null) the content of a list/text. Reverts happen per place. */
export interface Place {
  type: AnyType;
  key: Key;
}

const rootNames = new WeakMap<Y.Doc, Map<AnyType, string>>();

/** The root name of a top-level type; the cache is refilled when a new root appears. */
export function rootNameOf(doc: Y.Doc, type: AnyType): string | null {
  let names = rootNames.get(doc);
  if (!names) rootNames.set(doc, (names = new Map()));
  let name = names.get(type);
  if (name === undefined) {
    for (const [key, value] of doc.share) names.set(value as AnyType, key);
    name = names.get(type);
  }
  return name ?? null;
}

/** What one item adds to a notes fragment's size (a nested element counts 1; its own items count separately). */
export function contentSize(item: Y.Item): number {
  const content = item.content;
  const key = item.parentSub?.length ?? 0;
  if (content instanceof Y.ContentString) return key + content.str.length;
  if (content instanceof Y.ContentType) return key + 1;
  if (content instanceof Y.ContentFormat) return content.key.length + JSON.stringify(content.value ?? null).length;
  if (content instanceof Y.ContentBinary) return key + content.content.length;
  return key + JSON.stringify(content.getContent()).length;
}

/** Characters (and formatting, attributes, embeds, nested elements) in a notes fragment: a walk of its live items. */
export function richSize(type: AnyType): number {
  let size = 0;
  type._map.forEach((item) => {
    if (!item.deleted) size += contentSize(item);
  });
  for (let item = type._start; item !== null; item = item.right) {
    if (item.deleted) continue;
    size += contentSize(item);
    if (item.content instanceof Y.ContentType) size += richSize(item.content.type as AnyType);
  }
  return size;
}

const rootTypes = {
  map: Y.Map,
  text: Y.Text,
  fragment: Y.XmlFragment,
} as const;

/** The layout's type for a root name, or null for a root outside the layout. */
export function layoutTypeOf(prefix: string, parts: number): keyof typeof rootTypes | null {
  if (prefix === 'agenda' || prefix === 'apologies' || prefix === 'contributors' || prefix === 'actions') return 'map';
  if (prefix === 'decision') return parts === 1 ? 'map' : 'text';
  if (prefix === 'contribution') return 'text';
  if (prefix === 'notes' || prefix === 'restricted') return 'fragment';
  return null;
}

/** The layout's type of a root (`agenda`, `notes:<item>`…), or null for a name outside it. */
export const layoutRootType = (name: string): keyof typeof rootTypes | null => {
  const [prefix, ...rest] = name.split(':');
  return layoutTypeOf(prefix, rest.length);
};

/** Makes a layout root an instance of its type (Yjs turns the untyped root into it in place). False if it cannot be. */
export function typedRoot(doc: Y.Doc, name: string, prefix: string, parts: number): boolean {
  const kind = layoutTypeOf(prefix, parts);
  if (kind === null || doc.share.get(name) instanceof rootTypes[kind]) return true;
  try {
    if (kind === 'map') doc.getMap(name);
    else if (kind === 'text') doc.getText(name);
    else doc.getXmlFragment(name);
    return true;
  } catch {
    return false;
  }
}
