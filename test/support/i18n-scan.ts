/**
 * Finds user-visible text written into code instead of the i18n catalogues (shared/i18n/locales). Parses each file
 * with oxc (through rolldown, Vite's own parser) and reports:
 *  - JSX text with a letter in it;
 *  - a JSX attribute string that people read (label, hint, title, aria-label…) or that looks like words;
 *  - any other string or template literal that reads like prose: starting with a capitalised word ("Saved",
 *    "Not kept: …") or three lower-case words in a row.
 * Not reported: import/export paths, the key given to t(), object keys, TypeScript types, comments, and the short
 * list of technical words below (key names, zone names, header names).
 */
import { parseAst } from 'rolldown/parseAst';

export interface Finding {
  file: string;
  line: number;
  text: string;
}

/** Attributes whose value is always read by a person. */
const textAttributes = new Set([
  'label', 'hint', 'title', 'placeholder', 'alt', 'aria-label', 'aria-description', 'aria-valuetext', 'aria-roledescription',
  'aria-placeholder', 'legend', 'caption', 'text', 'heading', 'description', 'summary', 'confirmLabel', 'cancelLabel',
  'emptyText', 'prefix', 'suffix', 'visuallyHiddenText', 'value', 'defaultValue',
]);
/** Attributes that carry identifiers, classes, URLs or settings, never words for people. */
const technicalAttributes = new Set([
  'className', 'id', 'href', 'to', 'type', 'name', 'role', 'autoComplete', 'htmlFor', 'inputMode', 'method', 'rel',
  'target', 'key', 'lang', 'hrefLang', 'spellCheck', 'variant', 'size', 'width', 'height', 'src', 'as', 'form',
  'pattern', 'enterKeyHint', 'dir', 'accept', 'mode', 'kind', 'align', 'scope', 'viewBox', 'd', 'fill', 'stroke',
  'xmlns', 'focusable', 'inputClass', 'labelClass', 'tone', 'colour', 'tag', 'level', 'wrap', 'download', 'encType',
  'autoCapitalize', 'translate', 'draggable', 'tabIndex', 'accessKey', 'sizes', 'loading', 'decoding', 'crossOrigin',
]);
const isTechnicalAttribute = (name: string) => technicalAttributes.has(name) || (name.startsWith('aria-') && !textAttributes.has(name)) || name.startsWith('data-');

/** Capitalised strings that are technical names, not prose. */
const technicalWords = /^(Enter|Escape|Esc|Tab|Home|End|PageUp|PageDown|Backspace|Delete|Space|Spacebar|Shift|Control|Meta|Alt|ArrowUp|ArrowDown|ArrowLeft|ArrowRight|Content-Type|Content-Disposition|Accept|Accept-Language|Cache-Control|Europe\/London|Arial|Helvetica|DejaVu[\w ]*|Mod-[\w-]+|Mod|Noto[\w ]*|Invalid Date|SyntaxError|TypeError|AbortError|NotFoundError|QuotaExceededError|Y[A-Z]\w*|[A-Z][A-Za-z]*(Error|Event|Mark|Node|Item|Heading|List)?\.\w+)$/;
const prose = (text: string) => /^\s*\p{Lu}\p{Ll}/u.test(text) || /\p{Ll}{2,} \p{Ll}{2,} \p{Ll}{2,}/u.test(text);
const hasLetter = (text: string) => /\p{L}/u.test(text);

const translationCalls = new Set(['t', 'i18n.t', 'i18next.t', 'translate', 'tFor', 'tr']);
const skippedCalls = new Set(['querySelector', 'querySelectorAll', 'closest', 'matches', 'getElementById', 'require', 'import', 'addEventListener', 'removeEventListener', 'dispatchEvent', 'createElement', 'setAttribute', 'getAttribute', 'removeAttribute', 'hasAttribute', 'getItem', 'setItem', 'removeItem']);

const logCall = /(^|\.)(log|logger|console)\.(trace|debug|info|warn|error|fatal|log)$|\.(trace|debug|info|warn|fatal)$/;

type Node = { type: string; start: number; end: number; [key: string]: unknown };

function calleeName(node: Node): string {
  const callee = node.callee as Node | undefined;
  if (!callee) return '';
  if (callee.type === 'Identifier') return callee.name as string;
  const path = (node: Node): string => {
    if (node.type === 'Identifier') return node.name as string;
    if (node.type === 'ThisExpression') return 'this';
    if (node.type === 'MemberExpression' || node.type === 'StaticMemberExpression') return `${path(node.object as Node)}.${((node.property as Node).name as string) ?? ''}`;
    return '?';
  };
  return path(callee);
}

export function findHardCodedStrings(file: string, source: string): Finding[] {
  const program = parseAst(source, { lang: file.endsWith('.tsx') ? 'tsx' : 'ts' }, file) as unknown as Node;
  const lineStarts = [0];
  for (let i = 0; i < source.length; i++) if (source[i] === '\n') lineStarts.push(i + 1);
  const lineOf = (offset: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  const findings: Finding[] = [];
  const report = (node: Node, text: string) => findings.push({ file, line: lineOf(node.start), text: text.trim().slice(0, 80) });

  const visit = (node: unknown, parent: Node | null, key: string): void => {
    if (Array.isArray(node)) {
      for (const child of node) visit(child, parent, key);
      return;
    }
    if (!node || typeof node !== 'object' || typeof (node as Node).type !== 'string') return;
    const n = node as Node;
    // Types, imports and exports' sources are never shown to anyone.
    if (n.type.startsWith('TS') && n.type !== 'TSAsExpression' && n.type !== 'TSNonNullExpression' && n.type !== 'TSSatisfiesExpression') return;
    if (n.type === 'ImportDeclaration' || n.type === 'ImportExpression') return;
    if ((n.type === 'ExportNamedDeclaration' || n.type === 'ExportAllDeclaration') && key === 'source') return;

    if (n.type === 'JSXText') {
      if (hasLetter(n.value as string)) report(n, n.value as string);
      return;
    }
    if (n.type === 'JSXAttribute') {
      const nameNode = n.name as Node;
      const name = nameNode.type === 'JSXNamespacedName' ? `${(nameNode.namespace as Node).name as string}:${(nameNode.name as Node).name as string}` : (nameNode.name as string);
      const value = n.value as Node | null;
      if (isTechnicalAttribute(name)) return;
      if (value?.type === 'Literal' && typeof value.value === 'string') {
        if (hasLetter(value.value) && (textAttributes.has(name) || prose(value.value))) report(value, value.value);
        return;
      }
      visit(value, n, 'value');
      return;
    }
    if (n.type === 'CallExpression') {
      const name = calleeName(n);
      const args = n.arguments as Node[];
      if (translationCalls.has(name)) {
        // The key is not prose; interpolation values still are checked.
        for (const arg of args.slice(1)) visit(arg, n, 'arguments');
        return;
      }
      if (skippedCalls.has(name.split('.').pop() ?? '')) return;
      // Operators' log lines stay in English (and never carry personal data); they are not shown to users.
      if (logCall.test(name) || name === 'warnThrottled') return;
    }
    // Programming errors (new Error(...)) are for developers and logs; what people read is an AppError or a t() key.
    if (n.type === 'NewExpression' && /^(Error|TypeError|RangeError)$/.test(calleeName(n))) return;
    if (n.type === 'Property' && !(n.computed as boolean)) {
      visit(n.value, n, 'value');
      return;
    }
    if (n.type === 'BinaryExpression' && ['===', '!==', '==', '!='].includes(n.operator as string)) {
      // Comparing against a key name or a code ("Enter", 'done') is not showing it.
      return;
    }
    if (n.type === 'SwitchCase') {
      visit(n.consequent, n, 'consequent');
      return;
    }
    if (n.type === 'Literal' && typeof n.value === 'string') {
      if (key === 'directive') return;
      if (prose(n.value) && !technicalWords.test(n.value)) report(n, n.value);
      return;
    }
    if (n.type === 'TemplateLiteral') {
      const text = (n.quasis as Node[]).map((q) => (q.value as { cooked: string }).cooked ?? '').join('…');
      if (prose(text) && !technicalWords.test(text)) report(n, text);
      visit(n.expressions, n, 'expressions');
      return;
    }
    for (const [childKey, child] of Object.entries(n)) {
      if (childKey === 'type' || childKey === 'start' || childKey === 'end') continue;
      if (child && typeof child === 'object') visit(child, n, childKey);
    }
  };
  visit(program, null, 'program');
  return findings;
}
