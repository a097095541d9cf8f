import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DOMParser } from 'linkedom';
import { normaliseOfficeHtml } from '../../client/screens/meeting/office-paste.js';
import { outlookDesktopHtml, outlookWebHtml, wordListsHtml } from '../support/office-clipboard.js';

// A browser's HTML parser gives a bare fragment an <html><body>; linkedom needs to be handed one.
const parse = (html: string) =>
  new DOMParser().parseFromString(/<body[\s>]/i.test(html) ? html : `<html><body>${html}</body></html>`, 'text/html') as unknown as Document;
const normalise = (html: string) => normaliseOfficeHtml(html, parse);
/** Whitespace inside Office's wrapped lines is not content: compare with runs of it collapsed. */
const squash = (html: string) => html.replace(/\s+/g, ' ').replace(/> </g, '><');

describe('paste from Word and Outlook into the notes', () => {
  it('rebuilds Word list paragraphs into nested bulleted and numbered lists and keeps bold', () => {
    expect(squash(normalise(wordListsHtml))).toBe(
      squash(
        '<p><strong>Home visit summary</strong></p>' +
          '<p>Visited with the health visitor; <strong>mother engaged well</strong>.</p>' +
          '<ul><li><p>Tenancy arrears discussed</p><ul><li><p>Payment plan offered</p></li></ul></li>' +
          '<li><p><strong>School attendance at 82%</strong></p></li></ul>' +
          '<ol><li><p>Refer to tenancy sustainment</p></li><li><p>Review at the next meeting</p></li></ol>',
      ),
    );
  });

  it('keeps Outlook desktop lists and bold, drops its classes, styles, <o:p> and Office XML', () => {
    expect(squash(normalise(outlookDesktopHtml))).toBe(
      squash(
        '<p>Hi all,</p><p><strong>Actions from the strategy call</strong></p>' +
          '<ul><li>Police to share the call-out log</li><li><strong>Urgent:</strong> GP letter by Friday</li></ul>' +
          '<ol><li>First numbered</li><li>Second numbered</li></ol><p>Kind regards</p>',
      ),
    );
  });

  it('keeps Outlook on the web lists, bold and italic written as styles', () => {
    expect(squash(normalise(outlookWebHtml))).toBe(
      squash('<p>Notes from the call</p><ul><li><p><strong>Consent</strong> given verbally</p></li><li><p>Next visit on <em>Tuesday</em></p></li></ul>'),
    );
  });

  it('leaves no attribute, span, comment, style or script in anything pasted', () => {
    for (const html of [wordListsHtml, outlookDesktopHtml, outlookWebHtml, '<p onclick="x()" style="color:red"><a href="javascript:alert(1)">link</a><script>alert(1)</script><img src=x onerror=alert(1)></p>']) {
      const out = normalise(html);
      expect(out).not.toMatch(/<[a-z0-9]+\s[^>]*=|<span|<!--|<style|<script|<img|<a\b|<o:p|mso-/i);
    }
    expect(normalise('<p onclick="x()"><a href="https://example.test">the link text</a></p>')).toBe('<p>the link text</p>');
  });

  it('whatever is pasted, only the notes’ own tags come out, with no attributes (property)', () => {
    const tags = ['p', 'div', 'span', 'b', 'strong', 'i', 'em', 'u', 'a', 'font', 'ul', 'ol', 'li', 'h1', 'h3', 'h5', 'table', 'tr', 'td', 'script', 'style', 'img', 'o:p', 'v:shape', 'br'];
    const attrs = ['style="mso-list:l0 level1 lfo1;font-weight:bold"', 'class="MsoNormal"', 'onclick="alert(1)"', 'href="javascript:alert(1)"', 'style="mso-list:Ignore"', 'style="font-style:italic"', 'lang=EN-GB'];
    const node: fc.Memo<string> = fc.memo((depth) =>
      depth <= 1
        ? fc.oneof(fc.constantFrom('text', 'more words', '&nbsp;', '<!--StartFragment-->', '<![if !supportLists]>·<![endif]>'), fc.string({ maxLength: 8 }))
        : fc
            .tuple(fc.constantFrom(...tags), fc.subarray(attrs, { maxLength: 2 }), fc.array(node(depth - 1), { maxLength: 3 }))
            .map(([tag, a, children]) => (tag === 'br' || tag === 'img' ? `<${tag} ${a.join(' ')}>` : `<${tag} ${a.join(' ')}>${children.join('')}</${tag}>`)),
    );
    fc.assert(
      fc.property(fc.array(node(4), { maxLength: 5 }), (parts) => {
        const out = normalise(parts.join('\n'));
        for (const [, tag, rest] of out.matchAll(/<\/?([a-zA-Z0-9:-]+)([^>]*)>/g)) {
          expect(['p', 'br', 'ul', 'ol', 'li', 'strong', 'em', 'h2', 'h3']).toContain(tag);
          expect(rest.trim()).toBe('');
        }
        expect(out).not.toMatch(/<!--|alert\(|mso-/);
      }),
      { numRuns: 300 },
    );
  });
});
