import { createContext, useCallback, useContext, useEffect, useId } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Which forms on screen hold edits not yet saved. Every `useForm` marks itself here (it is in the form kit, so no
 * form can forget); whatever leaves a view (the record's tabs, its back button, the app's navigation) asks
 * `useLeaveGuard` first, so an edit is never dropped without the person saying so.
 */
export class UnsavedChanges {
  private readonly dirty = new Set<string>();

  mark(formId: string, dirty: boolean): void {
    if (dirty) this.dirty.add(formId);
    else this.dirty.delete(formId);
  }

  get any(): boolean {
    return this.dirty.size > 0;
  }
}

const UnsavedChangesContext = createContext<UnsavedChanges | undefined>(undefined);
export const UnsavedChangesProvider = UnsavedChangesContext.Provider;

/** Marks the calling form as holding unsaved edits while `dirty`; unmounting clears the mark. */
export function useUnsavedMark(dirty: boolean): void {
  const registry = useContext(UnsavedChangesContext);
  const formId = useId();
  useEffect(() => {
    registry?.mark(formId, dirty);
    return () => registry?.mark(formId, false);
  }, [registry, formId, dirty]);
}

/**
 * Runs `leave` at once when nothing is unsaved, else only if the person confirms that the edits are discarded.
 * The browser's own confirmation dialog: modal, keyboard-operable and announced by screen readers.
 */
export function leaveIfConfirmed(
  registry: UnsavedChanges | undefined,
  question: string,
  leave: () => void,
): void {
  if (!registry?.any || window.confirm(question)) leave();
}

/** {@link leaveIfConfirmed} for the forms under the nearest provider. */
export function useLeaveGuard(): (leave: () => void) => void {
  const registry = useContext(UnsavedChangesContext);
  const { t } = useTranslation();
  return useCallback(
    (leave: () => void) => leaveIfConfirmed(registry, t('unsaved.confirm'), leave),
    [registry, t],
  );
}
