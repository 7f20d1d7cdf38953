import type { ReactNode } from 'react';

export type BadgeTone = 'ok' | 'warn' | 'bad' | 'accent';

/** A short state beside what it qualifies ("Overdue", "Unsaved changes"), in a tone (styles.css, .badge). */
export function Badge({
  tone,
  className,
  children,
}: {
  tone?: BadgeTone;
  className?: string;
  children: ReactNode;
}) {
  return (
    <span className={['badge', tone && `tone-${tone}`, className].filter(Boolean).join(' ')}>{children}</span>
  );
}
