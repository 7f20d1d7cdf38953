/**
 * The form kit: every form of the app is built from these pieces.
 *
 *   const form = useForm({
 *     initial: { email: client.contact?.email ?? '' },          // the draft as typed; followed until edited
 *     validate: (draft) => validateContact(draft),               // a shared validator -> ValidationResult<V>
 *     save: (value) => updateClientSection(id, { contact: value }),   // from useClientCommands() (*-data.ts)
 *   });
 *   <FormSettingsProvider errorPrefix="clientRecord.errors">     // once per feature: how errors are worded
 *     <form onSubmit={form.submit} noValidate onChange={form.clearOutcome}>
 *       <Field label={t('…')} errors={form.errorsAt('contact.email')} hint={…} note={…} id={optional}>
 *         {(control) => <input {...control} {...form.bind('email')} />}
 *       </Field>
 *       <FieldErrorText errors={form.errorsAt('contact', { exact: true })} />   // errors of a group or list
 *       <button disabled={form.saving}>…</button> <SavedNote form={form}>{t('…saved')}</SavedNote>
 *       <ErrorSummary form={form} invalid={t('…notSaved')} failed={(code) => t('…saveFailed', { code })} />
 *     </form>
 *   </FormSettingsProvider>
 *
 * - Validation results are THE one type, `ValidationResult<T>` from shared/domain/validation.ts:
 *   `{ ok: true, value }` or `{ ok: false, errors: { path, code, params? }[] }`; paths are dotted
 *   (`emergencyContacts.1.phone`), codes are `FieldErrorCode`s, worded as `${errorPrefix}.${code}` with `params`.
 * - `useForm` keeps the draft, the errors, `saving` and the `outcome` (saved / invalid / failed with a code:
 *   describeStoreError's by default, or `describeError`'s). `set(patch)`, `bind(field)` for string fields,
 *   `reset()`, `setErrors()` for errors found elsewhere (e.g. the server).
 * - `TimeField` for a time of day: 24-hour `HH:MM` in every locale (`<TimeField id label errors {...form.bind(f)} />`).
 * - `DateField` for a calendar date: stored `YYYY-MM-DD`, shown "12 Mar 2027" / "2027年3月12日" in every locale
 *   (`<DateField id label errors {...form.bind(f)} />`; `weekday` for planned days). Never `type="date"`.
 * - `DateTimeField` for a moment as `datetime-local` held it (`YYYY-MM-DDTHH:MM`): a DateField and a TimeField.
 * - `Field` is a render prop: the control receives `id`, `aria-invalid`, `aria-describedby`; its error text has
 *   the id `${id}-error` (pass `id={fieldId(path)}` for stable ids).
 * - Unsaved edits: every `useForm` marks itself dirty in the nearest `UnsavedChangesProvider` (App has one);
 *   whatever leaves a view calls `useLeaveGuard()(leave)`, which asks before edits are discarded.
 * - `FormSettingsProvider` also sets `knownCodes` + `fallbackCode` (word unknown codes as e.g. `other`),
 *   `firstErrorOnly`, `alertErrors` (role="alert" on field errors) and CSS `classes` for field, hint and error.
 */
export { ErrorSummary, SavedNote } from './ErrorSummary';
export { Field, FieldErrorText, fieldId, type ControlProps } from './Field';
export { TimeField } from './TimeField';
export { DateField } from './DateField';
export { DateTimeField } from './DateTimeField';
export { formatDateText, parseTypedDate } from './date-text';
export { isTime24, parseTime24 } from './time-24h';
export { FormSettingsProvider, useErrorTexts, useFormSettings, type FormSettings } from './form-settings';
export { useForm, type Form, type FormOptions, type FormOutcome } from './use-form';
export {
  leaveIfConfirmed,
  UnsavedChanges,
  UnsavedChangesProvider,
  useLeaveGuard,
  useUnsavedMark,
} from './unsaved';
export { errorsAt, type FieldError, type ValidationResult } from '../../../../shared/domain/validation';
