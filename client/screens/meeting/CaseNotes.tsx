/**
 * Rich-text notes for one agenda item: a TipTap editor bound to one Yjs fragment, with the other people's carets
 * (labelled with name and agency) and a line saying who else is writing in this item. By default the item's shared
 * discussion notes; the chair's restricted notes pass their own document, fragment name, heading and notice.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { EditorContent, useEditor } from '@tiptap/react';
import { useTranslation } from 'react-i18next';
import i18next from 'i18next';
import StarterKit from '@tiptap/starter-kit';
import Collaboration from '@tiptap/extension-collaboration';
import { CollaborationCaret } from '@tiptap/extension-collaboration-caret';
import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import { notesFragment } from '../../../shared/meeting-doc';
import { normaliseOfficeHtml } from './office-paste';
import { NotesToolbar } from './NotesToolbar';
import type { UserView } from '../../../shared/api-types';
import { presenceColour } from '../../palette';

/** A caret the way the default renders it, but hidden from screen readers: the "writing here" line says it once. */
function renderCaret(user: Record<string, unknown>): HTMLElement {
  const caret = document.createElement('span');
  caret.className = 'collaboration-carets__caret';
  caret.setAttribute('aria-hidden', 'true');
  // The colour follows the person's id, which the server writes into every presence from its records: the same
  // person has the same colour on every screen, and no client can choose one.
  const colour = presenceColour(typeof user.id === 'string' ? user.id : String(user.name));
  caret.style.borderColor = colour;
  const label = document.createElement('span');
  label.className = 'collaboration-carets__label';
  label.style.backgroundColor = colour;
  // The server writes name and agency into every presence from its records; the caret shows both.
  const name = typeof user.name === 'string' ? user.name : i18next.t('room:notes.someone');
  label.textContent = typeof user.agency === 'string' && user.agency ? i18next.t('room:notes.caretLabel', { name, agency: user.agency }) : name;
  caret.append(label);
  // The widget is in the page after this returns: measure it on the next frame.
  requestAnimationFrame(() => fitCaretLabel(caret));
  return caret;
}

/**
 * A name label hangs to the right of its caret; near the editor's right edge it would be clipped, so it then hangs to
 * the left instead. Where neither side has room (a long name mid-line in a narrow editor) it takes the wider side and
 * is shortened to fit, ending in an ellipsis: never cut off at an edge. Re-run after edits and layout changes, which
 * move carets without re-rendering them.
 */
export function fitCaretLabel(caret: Element): void {
  const label = caret.querySelector<HTMLElement>('.collaboration-carets__label');
  const editor = caret.closest('.notes-editor');
  if (!label || !editor) return;
  // Measured from the caret, not the label, so a label already flipped is judged the same way; the class and the
  // cap only change when the answer does, so typing elsewhere costs no style work.
  const box = editor.getBoundingClientRect();
  const at = caret.getBoundingClientRect();
  const roomRight = box.right - at.left;
  const roomLeft = at.right - box.left;
  if (label.style.maxWidth) label.style.maxWidth = '';
  const wanted = label.offsetWidth; // its natural width, up to the stylesheet's own cap
  const left = wanted > roomRight && roomLeft > roomRight;
  label.classList.toggle('collaboration-carets__label--left', left);
  const room = Math.floor(left ? roomLeft : roomRight);
  if (wanted > room) label.style.maxWidth = `${Math.max(room, 0)}px`;
}

interface AwarenessState {
  user?: { name?: unknown };
  editing?: unknown;
}

/** Names of the other people whose awareness says they are editing `itemId`. */
function useOthersEditing(awareness: Awareness, itemId: string): string[] {
  const [names, setNames] = useState<string[]>([]);
  useEffect(() => {
    const read = () => {
      const found = new Set<string>();
      awareness.getStates().forEach((state: AwarenessState, clientId) => {
        if (clientId === awareness.clientID || state.editing !== itemId) return;
        if (typeof state.user?.name === 'string') found.add(state.user.name);
      });
      const next = [...found].sort();
      setNames((prev) => (prev.join('\n') === next.join('\n') ? prev : next));
    };
    read();
    awareness.on('change', read);
    return () => awareness.off('change', read);
  }, [awareness, itemId]);
  return names;
}

interface Props {
  doc: Y.Doc;
  provider: { awareness: Awareness };
  itemId: string;
  itemTitle: string;
  user: UserView;
  readOnly: boolean;
  /** Top-level XmlFragment in `doc`; default the item's shared discussion notes (`notes:<itemId>`). */
  fragmentName?: string;
  /** Default `room:notes.heading`. */
  heading?: string;
  /** The editor's accessible name for an item title; default `room:notes.labelFor`. */
  labelFor?: (title: string) => string;
  /** Shown between the heading and the editor, e.g. who can see these notes. */
  notice?: ReactNode;
  className?: string;
}

/** Render with `key={itemId}`: the editor is bound to one item's fragment for its whole life. */
export function CaseNotes({
  doc,
  provider,
  itemId,
  itemTitle,
  user,
  readOnly,
  fragmentName,
  heading,
  labelFor,
  notice,
  className = 'case-notes',
}: Props) {
  const { t } = useTranslation('room');
  const notesLabel = labelFor ? labelFor(itemTitle) : t('notes.labelFor', { title: itemTitle });
  const headingId = useId();
  const sectionRef = useRef<HTMLElement>(null);
  const awareness = provider.awareness;
  const others = useOthersEditing(awareness, itemId);
  const attributes = (label: string, ro: boolean): Record<string, string> => ({
    role: 'textbox',
    'aria-label': label,
    'aria-multiline': 'true',
    'aria-readonly': String(ro),
    class: 'notes-editor',
  });

  // setOptions replaces editorProps whole: the paste filter goes with the attributes every time.
  const editorProps = (label: string, ro: boolean) => ({ attributes: attributes(label, ro), transformPastedHTML: (html: string) => normaliseOfficeHtml(html) });

  const editor = useEditor(
    {
      immediatelyRender: true,
      shouldRerenderOnTransaction: false,
      editable: !readOnly,
      extensions: [
        // Notes hold paragraphs, lists, bold, italic and two heading levels (under the item's own heading).
        StarterKit.configure({ undoRedo: false, heading: { levels: [2, 3] } }),
        Collaboration.configure({ fragment: fragmentName ? doc.getXmlFragment(fragmentName) : notesFragment(doc, itemId) }),
        CollaborationCaret.configure({
          provider,
          user: { name: user.name, agency: user.agency.name },
          render: renderCaret,
        }),
      ],
      editorProps: editorProps(notesLabel, readOnly),
      onFocus: () => awareness.setLocalStateField('editing', itemId),
      onBlur: () => awareness.setLocalStateField('editing', null),
    },
    [doc, provider, itemId, fragmentName, user.id],
  );

  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    editor.setEditable(!readOnly);
    editor.setOptions({ editorProps: editorProps(notesLabel, readOnly) });
    if (readOnly && awareness.getLocalState()?.editing === itemId) awareness.setLocalStateField('editing', null);
  }, [editor, readOnly, itemTitle, notesLabel, awareness, itemId]);

  useEffect(() => {
    if (!editor) return;
    const refit = () =>
      requestAnimationFrame(() => {
        if (!editor.isDestroyed) editor.view.dom.querySelectorAll('.collaboration-carets__caret').forEach(fitCaretLabel);
      });
    editor.on('transaction', refit);
    // The notes' size also changes with no transaction: a window resize, panels beside them, a late web font. (The
    // section, not the editor's own element: that is not in the page yet when this first runs.)
    const resized = new ResizeObserver(refit);
    if (sectionRef.current) resized.observe(sectionRef.current);
    return () => {
      editor.off('transaction', refit);
      resized.disconnect();
    };
  }, [editor]);

  // Leaving the item (or the page) means no longer writing in it.
  useEffect(
    () => () => {
      if (awareness.getLocalState()?.editing === itemId) awareness.setLocalStateField('editing', null);
    },
    [awareness, itemId],
  );

  return (
    <section ref={sectionRef} className={className} aria-labelledby={headingId}>
      <h3 id={headingId}>{heading ?? t('notes.heading')}</h3>
      {notice}
      {readOnly && <p className="govuk-hint govuk-!-font-size-16">{t('notes.readOnly')}</p>}
      {!readOnly && editor && <NotesToolbar editor={editor} notesLabel={notesLabel} />}
      <EditorContent editor={editor} />
      <p className="govuk-hint govuk-!-font-size-16 notes-typing" aria-live="polite">
        {others.length === 0 ? '' : t('notes.alsoWriting', { names: others.join(', ') })}
      </p>
    </section>
  );
}
