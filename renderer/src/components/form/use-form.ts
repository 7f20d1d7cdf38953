import { useState, type FormEvent } from 'react';
import { errorsAt, type FieldError, type ValidationResult } from '../../../../shared/domain/validation';
import { describeStoreError } from '../../store/describe-store-error';
import { useUnsavedMark } from './unsaved';

/** How the last submission went: saved, refused by validation (errors shown), or failed to save (a code). */
export type FormOutcome = { kind: 'saved' } | { kind: 'invalid' } | { kind: 'failed'; code: string };

export interface FormOptions<D, V> {
  /**
   * The draft to start from, as typed (strings for inputs). Until the person edits, the form follows it, so a
   * change arriving by sync shows; after a save the draft is dropped and the form follows it again.
   */
  initial: D | (() => D);
  /** A shared validator (shared/domain) reading the draft: the value to save, or every field error. */
  validate(draft: D): ValidationResult<V>;
  /** Writes the value, through the feature's `*-data.ts` command. A throw is shown as a failed outcome. */
  save(value: V): Promise<void>;
  /** Called after a successful save. */
  onSaved?(value: V): void;
  /** Keep the draft after a save (a form that stays as typed); by default it is dropped. */
  keepDraft?: boolean;
  /** The code shown when `save` throws; by default describeStoreError's (the error's code, or `unknown`). */
  describeError?(cause: unknown): string;
}

type StringKeys<D> = { [K in keyof D]: D[K] extends string ? K : never }[keyof D];

export interface Form<D> {
  /** What the form shows: the draft once edited, else `initial`. */
  values: D;
  /** Whether the person has edited since the form started or last saved. */
  edited: boolean;
  set(patch: Partial<D> | ((values: D) => Partial<D>)): void;
  /** `value` and `onChange` for a text input, textarea or select editing a string field of the draft. */
  bind<K extends StringKeys<D>>(
    field: K,
  ): { value: string; onChange(event: { target: { value: string } }): void };
  /** Drops the draft (and the errors): the form follows `initial` again. */
  reset(): void;
  errors: readonly FieldError[];
  setErrors(errors: FieldError[]): void;
  /** The errors for a path and (unless `exact`) the paths under it. */
  errorsAt(path: string, options?: { exact?: boolean }): FieldError[];
  /** Validates, then saves when valid; for `<form onSubmit>` (prevents the default) or a button. */
  submit(event?: FormEvent): Promise<void>;
  saving: boolean;
  outcome: FormOutcome | undefined;
  /** Forgets the outcome (a form clears "Saved" when the person types again). */
  clearOutcome(): void;
}

/** The draft once a save of `submitted` succeeded: dropped, unless it changed meanwhile (each edit is a new object). */
export function draftAfterSave<D>(current: D | undefined, submitted: D | undefined): D | undefined {
  return current === submitted ? undefined : current;
}

/** The state of one form: draft, field errors, saving, outcome. See index.ts for the whole kit. */
export function useForm<D extends object, V>(options: FormOptions<D, V>): Form<D> {
  const [draft, setDraft] = useState<D | undefined>();
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<FormOutcome | undefined>();
  // The draft last saved by a form that keeps its draft: it holds nothing unsaved until edited again.
  const [savedDraft, setSavedDraft] = useState<D | undefined>();
  const initial = typeof options.initial === 'function' ? (options.initial as () => D)() : options.initial;
  const values = draft ?? initial;
  useUnsavedMark(
    draft !== undefined && draft !== savedDraft && JSON.stringify(draft) !== JSON.stringify(initial),
  );

  const set: Form<D>['set'] = (patch) =>
    setDraft((current) => {
      const base = current ?? initial;
      return { ...base, ...(typeof patch === 'function' ? patch(base) : patch) };
    });

  async function submit(event?: FormEvent) {
    event?.preventDefault();
    const result = options.validate(values);
    if (!result.ok) {
      setErrors(result.errors);
      setOutcome({ kind: 'invalid' });
      return;
    }
    setErrors([]);
    setSaving(true);
    const submitted = draft;
    try {
      await options.save(result.value);
      // What the person typed while the save ran is theirs: keep it (the next client's name, typed while the
      // previous one was being added, was wiped).
      if (!options.keepDraft) setDraft((current) => draftAfterSave(current, submitted));
      else setSavedDraft(submitted);
      setOutcome({ kind: 'saved' });
      options.onSaved?.(result.value);
    } catch (cause) {
      setOutcome({ kind: 'failed', code: (options.describeError ?? describeStoreError)(cause) });
    } finally {
      setSaving(false);
    }
  }

  return {
    values,
    edited: draft !== undefined,
    set,
    bind: (field) => ({
      value: values[field] as string,
      onChange: (event) => set({ [field]: event.target.value } as Partial<D>),
    }),
    reset() {
      setDraft(undefined);
      setErrors([]);
    },
    errors,
    setErrors,
    errorsAt: (path, at) => errorsAt(errors, path, at),
    submit,
    saving,
    outcome,
    clearOutcome: () => setOutcome(undefined),
  };
}
