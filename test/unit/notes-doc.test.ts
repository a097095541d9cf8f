import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { notesFragment, notesPlainText } from '../../shared/meeting-doc.js';

function paragraph(text: string, attrs?: Record<string, unknown>): Y.XmlElement {
  const p = new Y.XmlElement('paragraph');
  const t = new Y.XmlText();
  p.insert(0, [t]);
  t.insert(0, text, attrs);
  return p;
}

describe('notesPlainText', () => {
  it('returns nothing for an item without notes', () => {
    expect(notesPlainText(new Y.Doc(), 'missing')).toEqual([]);
  });

  it('returns each paragraph as plain text, in order, without formatting marks', () => {
    const doc = new Y.Doc();
    const fragment = notesFragment(doc, 'item-1');
    fragment.insert(0, [paragraph('Mother engaged with midwife.'), new Y.XmlElement('paragraph'), paragraph('Refer to ')]);
    const bold = (fragment.get(2) as Y.XmlElement).get(0) as Y.XmlText;
    bold.insert(bold.length, 'family support', { bold: true });
    expect(notesPlainText(doc, 'item-1')).toEqual(['Mother engaged with midwife.', '', 'Refer to family support']);
  });

  it('keeps each item apart and survives a round trip to another peer', () => {
    const doc = new Y.Doc();
    notesFragment(doc, 'a').insert(0, [paragraph('For A')]);
    notesFragment(doc, 'b').insert(0, [paragraph('For B')]);
    const peer = new Y.Doc();
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc));
    expect(notesPlainText(peer, 'a')).toEqual(['For A']);
    expect(notesPlainText(peer, 'b')).toEqual(['For B']);
  });

  it('flattens lists to their paragraphs and turns hard breaks into newlines', () => {
    const doc = new Y.Doc();
    const list = new Y.XmlElement('bulletList');
    const li = new Y.XmlElement('listItem');
    const withBreak = new Y.XmlElement('paragraph');
    notesFragment(doc, 'x').insert(0, [list]);
    list.insert(0, [li]);
    li.insert(0, [paragraph('First point'), withBreak]);
    const before = new Y.XmlText();
    const after = new Y.XmlText();
    withBreak.insert(0, [before, new Y.XmlElement('hardBreak'), after]);
    before.insert(0, 'line one');
    after.insert(0, 'line two');
    expect(notesPlainText(doc, 'x')).toEqual(['First point', 'line one\nline two']);
  });
});
