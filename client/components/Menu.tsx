/**
 * A menu button as a disclosure: one button that shows a short list of buttons under it. Escape, a choice or a click
 * elsewhere closes it and puts focus back on the button, so a keyboard user never loses their place in the list.
 * (A disclosure rather than role="menu": its items are plain buttons that screen readers and Tab already handle.)
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

export interface MenuChoice {
  label: ReactNode;
  /** The accessible name, when the visible label alone would be ambiguous out of context ("Rename item 4, …"). */
  ariaLabel?: string;
  onSelect(): void;
  disabled?: boolean;
  warning?: boolean;
}

export function MenuButton({ label, ariaLabel, choices, className }: { label: ReactNode; ariaLabel: string; choices: MenuChoice[]; className?: string }) {
  const [open, setOpen] = useState(false);
  const listId = useId();
  const root = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    // Focus the first choice that can be used, as a menu does.
    root.current?.querySelector<HTMLButtonElement>('.app-menu__item:not(:disabled)')?.focus();
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  const close = () => {
    setOpen(false);
    toggle.current?.focus();
  };
  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key === 'Escape' && open) {
      event.stopPropagation();
      close();
      return;
    }
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const items = [...(root.current?.querySelectorAll<HTMLButtonElement>('.app-menu__item:not(:disabled)') ?? [])];
    if (!items.length) return;
    event.preventDefault();
    const at = items.indexOf(document.activeElement as HTMLButtonElement);
    const next = event.key === 'ArrowDown' ? (at + 1) % items.length : (at - 1 + items.length) % items.length;
    items[next].focus();
  };

  return (
    <div className={['app-menu', className].filter(Boolean).join(' ')} ref={root} onKeyDown={onKeyDown}>
      <button
        ref={toggle}
        type="button"
        className="govuk-button govuk-button--secondary app-button--small app-menu__toggle"
        aria-expanded={open}
        aria-controls={listId}
        aria-label={ariaLabel}
        onClick={() => setOpen((o) => !o)}
      >
        {label}
      </button>
      <ul className="app-menu__list" id={listId} hidden={!open}>
        {choices.map((c, i) => (
          <li key={i}>
            <button
              type="button"
              className={`app-menu__item${c.warning ? ' app-menu__item--warning' : ''}`}
              aria-label={c.ariaLabel}
              disabled={c.disabled}
              onClick={() => {
                close();
                c.onSelect();
              }}
            >
              {c.label}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
