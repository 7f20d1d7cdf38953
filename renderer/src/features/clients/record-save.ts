import { inScope, writeScope, type Client, type Role } from '../../../../shared/index';

/**
 * The one Save of the client's profile (issue 23, must-deliver 3): each section keeps its own draft and is still
 * validated and written on its own (a section's changes, field by field, so sync's per-field merge is unchanged);
 * the save runs every changed section and says how each went.
 */

/** How one changed section fared in a save: written, refused by its validator, refused by the permission table, or failed to write. */
export type SectionOutcome = 'saved' | 'invalid' | 'refused' | 'failed';

/** The code a write refused by the permission table throws: the device says so instead of writing. */
export const NOT_PERMITTED = 'not-permitted';

/**
 * Whether `who` may write the client as it is (`current`) and as it would be (`next`): the server's rule for a
 * push (server/sync/routes.ts), checked on the device first so that a refused section is told at once and not
 * parked later. A role that writes only its assigned clients can neither edit another's client nor hand its own
 * away.
 */
export function mayWriteClient(
  who: { role: Role; staffId: string },
  current: Pick<Client, 'assignedStaffIds'>,
  next: Pick<Client, 'assignedStaffIds'>,
): boolean {
  const scope = writeScope(who.role, 'clients');
  return inScope(scope, who.staffId, current) && inScope(scope, who.staffId, next);
}

/** The sections of a save by outcome (by name: worded when shown, so a language switch rewords them). */
export type SaveSummary<S extends string = string> = Record<SectionOutcome, S[]>;

/** The sections of a save by outcome, each list in the order the sections were saved (the order on screen). */
export function summariseSave<S extends string>(
  results: readonly { section: S; outcome: SectionOutcome }[],
): SaveSummary<S> {
  const summary: SaveSummary<S> = { saved: [], invalid: [], refused: [], failed: [] };
  for (const { section, outcome } of results) summary[outcome].push(section);
  return summary;
}

/** Whether a save left something unsaved (the person must look at the sections named). */
export const saveLeftSomething = (summary: SaveSummary): boolean =>
  summary.invalid.length + summary.refused.length + summary.failed.length > 0;

/**
 * What the profile's keyboard submit does with a key press: Ctrl+Enter (Cmd+Enter on a Mac) saves from any field,
 * a textarea included; a plain Enter in a single-line field is the form's own implicit submission.
 */
export function isSaveShortcut(event: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean }) {
  return event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.altKey;
}
