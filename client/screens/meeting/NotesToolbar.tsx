import { useId } from 'react';
import { useEditorState, type Editor } from '@tiptap/react';

type Format = 'bold' | 'italic' | 'bulletList' | 'orderedList' | 'h2' | 'h3';

/** TipTap's own shortcuts (Mod = Ctrl, or ⌘ on a Mac): the buttons announce them and the hint lists them. */
// The visible word is the accessible name (WCAG 2.5.3): no icon-only buttons.
const buttons: { format: Format; label: string; keys: string; run(e: Editor): void }[] = [
  { format: 'bold', label: 'Bold', keys: 'Control+B', run: (e) => e.chain().focus().toggleBold().run() },
  { format: 'italic', label: 'Italic', keys: 'Control+I', run: (e) => e.chain().focus().toggleItalic().run() },
  { format: 'bulletList', label: 'Bulleted list', keys: 'Control+Shift+8', run: (e) => e.chain().focus().toggleBulletList().run() },
  { format: 'orderedList', label: 'Numbered list', keys: 'Control+Shift+7', run: (e) => e.chain().focus().toggleOrderedList().run() },
  { format: 'h2', label: 'Heading', keys: 'Control+Alt+2', run: (e) => e.chain().focus().toggleHeading({ level: 2 }).run() },
  { format: 'h3', label: 'Subheading', keys: 'Control+Alt+3', run: (e) => e.chain().focus().toggleHeading({ level: 3 }).run() },
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
  const hintId = useId();
  const active = useEditorState({ editor, selector: ({ editor: e }) => (e ? activeFormats(e) : null) });
  return (
    <div className="notes-toolbar">
      <div role="group" aria-label={`Formatting for ${notesLabel}`} aria-describedby={hintId} className="notes-toolbar-buttons">
        {buttons.map((b) => (
          <button
            key={b.format}
            type="button"
            className={`notes-format notes-format-${b.format}`}
            aria-pressed={active?.[b.format] ?? false}
            aria-keyshortcuts={b.keys}
            // Pressing with the mouse must not take the caret out of the notes.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => b.run(editor)}
          >
            {b.label}
          </button>
        ))}
      </div>
      <p id={hintId} className="govuk-hint govuk-!-font-size-16 notes-shortcuts">
        Shortcuts (⌘ for Ctrl on a Mac): Ctrl+B bold, Ctrl+I italic, Ctrl+Shift+8 bulleted list, Ctrl+Shift+7 numbered list, Ctrl+Alt+2
        heading, Ctrl+Alt+3 subheading. Paste from Word or Outlook keeps lists and bold.
      </p>
    </div>
  );
}
