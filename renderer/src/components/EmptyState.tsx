import type { ReactNode } from 'react';

/** What a list or a screen would show, said where it would be: "No trips yet." (styles.css, .empty-state). */
export function EmptyState({ children }: { children: ReactNode }) {
  return <p className="empty-state">{children}</p>;
}
