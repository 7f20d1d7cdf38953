import { useState, type FormEvent } from 'react';
import type { FieldErrorCode, FormResult } from '../../../../shared/domain/validation';

/**
 * The state every trips form keeps: the draft as typed, the problems of the last submission, and whether a save is
 * under way. `submit` reads the draft and saves only when it reads without a problem.
 */
export function useDraftForm<D extends object, F extends keyof D & string, V>(
  initial: D | (() => D),
  read: (draft: D) => FormResult<V>,
  onSave: (value: V) => Promise<void>,
) {
  const [draft, setDraft] = useState(initial);
  const [problems, setProblems] = useState<Partial<Record<F, FieldErrorCode>>>({});
  const [saving, setSaving] = useState(false);
  const set = (field: F) => (e: { target: { value: string } }) =>
    setDraft((d) => ({ ...d, [field]: e.target.value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = read(draft);
    if (!result.ok) {
      // The rules name at most one problem per field, by the field's name.
      setProblems(
        Object.fromEntries(result.errors.map((error) => [error.path, error.code])) as Partial<
          Record<F, FieldErrorCode>
        >,
      );
      return;
    }
    setProblems({});
    setSaving(true);
    try {
      await onSave(result.value);
    } finally {
      setSaving(false);
    }
  }

  return { draft, setDraft, set, problems, saving, submit };
}
