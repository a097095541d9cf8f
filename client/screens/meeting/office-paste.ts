/**
 * Paste from Word and Outlook into the notes: keep what the notes can hold (paragraphs, line breaks, bulleted and
 * numbered lists, bold, italic, two heading levels) and drop everything else — styles, classes, fonts, spans,
 * comments, Office's own tags, images and links (their text stays).
 *
 * Word (and Outlook on the desktop, which is Word inside) does not paste lists as lists: each item is a paragraph
 * styled `mso-list:l1 level2 lfo3`, its bullet or number typed out in a span marked `mso-list:Ignore`. Those runs
 * of paragraphs are rebuilt into nested <ul>/<ol> here, before ProseMirror parses the HTML.
 *
 * Plain DOM calls only, so the same function runs in the browser and, with a DOM library, in unit tests.
 */

const keep = new Set(['p', 'br', 'ul', 'ol', 'li', 'strong', 'em', 'h2', 'h3']);
const dropWithContent = new Set(['style', 'script', 'meta', 'link', 'title', 'head', 'xml', 'img', 'object', 'iframe', 'svg', 'template', 'button', 'input', 'select', 'textarea']);
const renamed: Record<string, string> = { b: 'strong', i: 'em', h1: 'h2', h4: 'h3', h5: 'h3', h6: 'h3', td: 'p', th: 'p', dt: 'p', dd: 'p', blockquote: 'p', pre: 'p' };
const blockTags = new Set(['p', 'div', 'ul', 'ol', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'tbody', 'thead', 'tfoot', 'tr', 'td', 'th', 'blockquote', 'pre', 'dl', 'dt', 'dd', 'section', 'article']);

const ELEMENT = 1;
const TEXT = 3;

const tagOf = (el: Element): string => el.tagName.toLowerCase();
const styleOf = (el: Element): string => el.getAttribute('style') ?? '';
const isMarker = (el: Element): boolean => /mso-list:\s*ignore/i.test(styleOf(el));
/** Word's list marker for ordered levels: "1.", "a)", "(iv)", "10." — anything else (·, o, §, •, –) is a bullet. */
const orderedMarker = /^\(?([0-9]{1,3}|[a-z]{1,4}|[ivxlc]{1,6})[.)]/i;

function unwrap(el: Element): void {
  el.replaceWith(...Array.from(el.childNodes));
}

function rename(el: Element, tag: string): Element {
  const next = el.ownerDocument.createElement(tag);
  next.append(...Array.from(el.childNodes));
  el.replaceWith(next);
  return next;
}

/**
 * Comments (Word's `<!--[if …]>`, StartFragment markers), processing instructions, and elements whose content is not
 * the author's words (styles, scripts, Office XML and drawings): gone, before anything else looks at the tree.
 */
function dropNonContent(node: Node): void {
  for (const child of Array.from(node.childNodes)) {
    if (child.nodeType === ELEMENT) {
      const tag = tagOf(child as Element);
      if (dropWithContent.has(tag) || /^(v|w|m):/.test(tag)) child.remove();
      else dropNonContent(child);
    } else if (child.nodeType !== TEXT) child.remove();
  }
}

interface WordListItem {
  level: number;
  ordered: boolean;
}

/** The list facts of a Word list paragraph (its marker span removed), or null for any other element. */
function wordListItem(el: Element): WordListItem | null {
  const match = /mso-list:\s*l\d+\s+level(\d+)/i.exec(styleOf(el));
  if (!match || !/^(p|div|h[1-6])$/.test(tagOf(el))) return null;
  const markers = Array.from(el.querySelectorAll('*')).filter(isMarker);
  const markerText = markers.map((m) => m.textContent ?? '').join('').replace(/\s|\u00a0/g, '');
  for (const m of markers) m.remove();
  return { level: Number(match[1]), ordered: orderedMarker.test(markerText) };
}

/** Rebuilds runs of Word list paragraphs under `parent` into nested lists. */
function rebuildWordLists(parent: Element): void {
  const doc = parent.ownerDocument;
  let stack: { list: Element; level: number; ordered: boolean }[] = [];
  for (const child of Array.from(parent.childNodes)) {
    if (child.nodeType === TEXT) {
      if ((child.textContent ?? '').trim() === '') continue; // whitespace between paragraphs does not end a list
      stack = [];
      continue;
    }
    if (child.nodeType !== ELEMENT) continue;
    const el = child as Element;
    const item = wordListItem(el);
    if (!item) {
      stack = [];
      rebuildWordLists(el);
      continue;
    }
    while (stack.length && stack[stack.length - 1].level > item.level) stack.pop();
    let top = stack[stack.length - 1];
    if (top && top.level === item.level && top.ordered !== item.ordered) {
      stack.pop();
      top = stack[stack.length - 1];
    }
    if (!top || top.level < item.level) {
      const list = doc.createElement(item.ordered ? 'ol' : 'ul');
      const hostItem = top?.list.lastElementChild;
      if (hostItem) hostItem.append(list);
      else el.before(list);
      stack.push({ list, level: item.level, ordered: item.ordered });
      top = stack[stack.length - 1];
    }
    const li = doc.createElement('li');
    const paragraph = doc.createElement('p');
    paragraph.append(...Array.from(el.childNodes));
    li.append(paragraph);
    top.list.append(li);
    el.remove();
  }
}

const hasBlockChild = (el: Element): boolean => Array.from(el.children).some((c) => blockTags.has(tagOf(c)));

/** Keeps the allowed tags without attributes; turns inline bold/italic styles into tags; unwraps the rest. */
function simplify(el: Element): void {
  for (const child of Array.from(el.children)) simplify(child);
  if (tagOf(el) === 'body') return;
  let tag = tagOf(el);
  // VML shapes and Word's own elements hold drawings and field codes, not words; <o:p> only wraps a line end.
  if (dropWithContent.has(tag) || /^(v|w|m):/.test(tag)) {
    el.remove();
    return;
  }
  const style = styleOf(el);
  if (tag === 'span' || tag === 'font' || tag === 'a' || tag === 'u') {
    // Office writes bold and italic as styles as often as as tags.
    let inner: Element = el;
    if (/font-weight:\s*(bold|[6-9]00)/i.test(style)) inner = wrapChildren(inner, 'strong');
    if (/font-style:\s*italic/i.test(style)) inner = wrapChildren(inner, 'em');
    unwrap(el);
    return;
  }
  if (tag === 'div' || tag === 'section' || tag === 'article') {
    if (hasBlockChild(el)) unwrap(el);
    else rename(el, 'p');
    return;
  }
  if (renamed[tag]) {
    el = rename(el, renamed[tag]);
    tag = renamed[tag];
  }
  if (!keep.has(tag)) {
    unwrap(el);
    return;
  }
  for (const name of el.getAttributeNames()) el.removeAttribute(name);
}

function wrapChildren(el: Element, tag: string): Element {
  const wrapper = el.ownerDocument.createElement(tag);
  wrapper.append(...Array.from(el.childNodes));
  el.append(wrapper);
  return wrapper;
}

/** Word's empty lines (`<p>&nbsp;</p>`) carry nothing the notes need. */
function dropEmptyParagraphs(root: Element): void {
  for (const p of Array.from(root.querySelectorAll('p'))) {
    if ((p.textContent ?? '').replace(/[\s\u00a0]/g, '') === '' && !p.querySelector('br') && tagOf(p.parentElement!) !== 'li') p.remove();
  }
}

const browserParse = (html: string): Document => new DOMParser().parseFromString(html, 'text/html');

export function normaliseOfficeHtml(html: string, parse: (html: string) => Document = browserParse): string {
  const doc = parse(html);
  const body = doc.body;
  if (!body) return '';
  dropNonContent(body);
  rebuildWordLists(body);
  simplify(body);
  dropEmptyParagraphs(body);
  return body.innerHTML.trim();
}
