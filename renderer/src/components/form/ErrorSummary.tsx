import type { ReactNode } from 'react';
import type { FormOutcome } from './use-form';

interface ErrorSummaryProps {
  form: { outcome: FormOutcome | undefined; errors: readonly unknown[] };
  /** Said when validation refused the draft (the field errors say what is wrong). */
  invalid: ReactNode;
  /** Said when saving failed, with describeStoreError's code (or the form's `describeError`). */
  failed(code: string): ReactNode;
}

/** Why the last submission did not save, as an alert under the form; nothing otherwise. */
export function ErrorSummary({ form, invalid, failed }: ErrorSummaryProps) {
  const { outcome } = form;
  if (outcome?.kind === 'invalid' && form.errors.length > 0) {
    return (
      <p role="alert" className="field-error">
        {invalid}
      </p>
    );
  }
  if (outcome?.kind === 'failed') {
    return (
      <p role="alert" className="field-error">
        {failed(outcome.code)}
      </p>
    );
  }
  return null;
}

/** "Saved", as a status, right after a successful save; it clears itself after a few seconds (styles.css). */
export function SavedNote({
  form,
  className = 'record-saved',
  children,
}: {
  form: { outcome: FormOutcome | undefined };
  className?: string;
  children: ReactNode;
}) {
  if (form.outcome?.kind !== 'saved') return null;
  return (
    <span role="status" className={`${className} fading`}>
      {children}
    </span>
  );
}
