import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useEditorState, type Editor } from '@tiptap/react';

type Format = 'bold' | 'italic' | 'bulletList' | 'orderedList' | 'h2' | 'h3';

/** TipTap's own shortcuts (Mod = Ctrl, or ⌘ on a Mac): the buttons announce them and the hint lists them. */
// The visible word is the accessible name (WCAG 2.5.3): no icon-only buttons.
// `keys` make the aria-keyshortcuts value (key names, the same in every language); the label is `room:notes.<format>`.
const buttons: { format: Format; keys: string[]; run(e: Editor): void }[] = [
  { format: 'bold', keys: ['Control', 'B'], run: (e) => e.chain().focus().toggleBold().run() },
  { format: 'italic', keys: ['Control', 'I'], run: (e) => e.chain().focus().toggleItalic().run() },
  { format: 'bulletList', keys: ['Control', 'Shift', '8'], run: (e) => e.chain().focus().toggleBulletList().run() },
  { format: 'orderedList', keys: ['Control', 'Shift', '7'], run: (e) => e.chain().focus().toggleOrderedList().run() },
  { format: 'h2', keys: ['Control', 'Alt', '2'], run: (e) => e.chain().focus().toggleHeading({ level: 2 }).run() },
  { format: 'h3', keys: ['Control', 'Alt', '3'], run: (e) => e.chain().focus().toggleHeading({ level: 3 }).run() },
];

const activeFormats = (editor: Editor): Record<Format, boolean> => ({
  bold: editor.isActive('bold'),
  italic: editor.isActive('italic'),
  bulletList: editor.isActive('bulletList'),
  orderedList: editor.isActive('orderedList'),
  h2: editor.isActive('heading', { level: 2 }),
  h3: editor.isActive('heading', { level: 3 }),
});

/**
 * Formatting for the notes: real toggle buttons (aria-pressed says what is on where the caret is) that keep the
 * caret in the text, plus the keyboard shortcuts TipTap already has.
 */
export function NotesToolbar({ editor, notesLabel }: { editor: Editor; notesLabel: string }) {
  const { t } = useTranslation('room');
  const hintId = useId();
  const active = useEditorState({ editor, selector: ({ editor: e }) => (e ? activeFormats(e) : null) });
  return (
    <div className="notes-toolbar">
      <div role="group" aria-label={t('notes.formattingFor', { label: notesLabel })} aria-describedby={hintId} className="notes-toolbar-buttons">
        {buttons.map((b) => (
          <button
            key={b.format}
            type="button"
            className={`notes-format notes-format-${b.format}`}
            aria-pressed={active?.[b.format] ?? false}
            aria-keyshortcuts={b.keys.join('+')}
            // Pressing with the mouse must not take the caret out of the notes.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => b.run(editor)}
          >
            {t(`notes.${b.format}`)}
          </button>
        ))}
      </div>
      <p id={hintId} className="govuk-hint govuk-!-font-size-16 notes-shortcuts">
        {t('notes.shortcuts')}
      </p>
    </div>
  );
}
