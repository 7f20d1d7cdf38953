import { useTranslation } from 'react-i18next';
import { CLIENT_STATUSES, validateAssignment } from '../../../../../shared/index';
import { Field, FieldErrorText } from '../../../components/form/index';
import type { StaffChoice } from '../staff-choices';
import { toggled } from './controls';
import { RecordSection, useSectionForm, type SectionProps } from './RecordSection';

interface AssignmentProps extends SectionProps {
  staff: StaffChoice[] | undefined | 'unavailable';
  me: string;
  myName: string;
  /** A role that writes only its assigned clients cannot unassign itself (it would lose the client). */
  keepSelf: boolean;
}

/** The client's status and the staff assigned to them. */
export function AssignmentSection({ client, readOnly, staff, me, myName, keepSelf }: AssignmentProps) {
  const { t } = useTranslation();
  const form = useSectionForm(
    'assignment',
    { status: client.status as string, assigned: client.assignedStaffIds },
    (v) =>
      validateAssignment(
        { status: v.status, assignedStaffIds: v.assigned },
        keepSelf ? { keepAssigned: me } : {},
      ),
  );
  const v = form.values;
  const known = Array.isArray(staff) ? staff : [];
  // Everyone one may pick, and everyone already assigned (shown by id when the list does not know them).
  const people = [
    ...known,
    ...v.assigned
      .filter((id) => !known.some((member) => member.staffId === id))
      .map((id) => ({ staffId: id, displayName: id === me ? myName : '', role: undefined })),
  ];
  const nameOf = (person: (typeof people)[number]) =>
    person.staffId === me
      ? t('clientRecord.staff.you', { name: person.displayName || myName })
      : person.displayName
        ? `${person.displayName}${person.role ? ` · ${t(`roles.${person.role}`)}` : ''}`
        : t('clientRecord.staff.unknown', { id: person.staffId });
  return (
    <RecordSection form={form} readOnly={readOnly}>
      <Field label={t('clientRecord.fields.status')} errors={form.errorsAt('status')}>
        {(p) => (
          <select {...p} {...form.bind('status')}>
            {CLIENT_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`clients.status.${status}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <fieldset className="checks">
        <legend>{t('clientRecord.fields.assignedStaff')}</legend>
        {staff === 'unavailable' && <p className="muted">{t('clientRecord.staff.directoryUnavailable')}</p>}
        {people.map((person) => (
          <label key={person.staffId} className="check">
            <input
              type="checkbox"
              checked={v.assigned.includes(person.staffId)}
              disabled={keepSelf && person.staffId === me}
              onChange={(e) => form.set({ assigned: toggled(v.assigned, person.staffId, e.target.checked) })}
            />
            {nameOf(person)}
          </label>
        ))}
        <FieldErrorText errors={form.errorsAt('assignedStaffIds').slice(0, 1)} />
      </fieldset>
    </RecordSection>
  );
}
