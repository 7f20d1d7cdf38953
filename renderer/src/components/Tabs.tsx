import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react';

interface Props<T extends string> {
  /** The tab list's accessible name. */
  label: string;
  tabs: readonly T[];
  current: T;
  /** The text of each tab. */
  title(tab: T): string;
  /** A tab chosen (click or keys); the caller may ask about unsaved edits before it switches. */
  onSelect(tab: T): void;
  /** The current tab's panel. */
  children: ReactNode;
}

/**
 * Tabs as the WAI-ARIA pattern has them: one tab stop (the current tab), arrow keys, Home and End move between tabs
 * and choose them, each tab controls the one panel, which is named by its tab.
 */
export function Tabs<T extends string>({ label, tabs, current, title, onSelect, children }: Props<T>) {
  const base = useId();
  const buttons = useRef(new Map<T, HTMLButtonElement>());
  const tabId = (tab: T) => `${base}-tab-${tab}`;
  const panelId = `${base}-panel`;

  const move = (event: KeyboardEvent, from: T) => {
    const at = tabs.indexOf(from);
    const to =
      event.key === 'ArrowRight'
        ? tabs[(at + 1) % tabs.length]
        : event.key === 'ArrowLeft'
          ? tabs[(at - 1 + tabs.length) % tabs.length]
          : event.key === 'Home'
            ? tabs[0]
            : event.key === 'End'
              ? tabs[tabs.length - 1]
              : undefined;
    if (to === undefined) return;
    event.preventDefault();
    buttons.current.get(to)?.focus();
    if (to !== current) onSelect(to);
  };

  return (
    <>
      <div className="tabs" role="tablist" aria-label={label}>
        {tabs.map((tab) => (
          <button
            key={tab}
            ref={(element) => {
              if (element) buttons.current.set(tab, element);
              else buttons.current.delete(tab);
            }}
            id={tabId(tab)}
            type="button"
            role="tab"
            aria-selected={tab === current}
            aria-controls={panelId}
            tabIndex={tab === current ? 0 : -1}
            onClick={() => tab !== current && onSelect(tab)}
            onKeyDown={(event) => move(event, tab)}
          >
            {title(tab)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={panelId} aria-labelledby={tabId(current)} tabIndex={0}>
        {children}
      </div>
    </>
  );
}
