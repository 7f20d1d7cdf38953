import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CLIENT_STATUSES,
  DIETARY_RESTRICTIONS,
  EMERGENCY_CONTACTS_MAX,
  passportExpiryWarning,
  ROOM_PREFERENCES,
  SEAT_PREFERENCES,
  validateAssignment,
  validateClientProfile,
  validateContact,
  validateEmergencyContacts,
  validateLifestyle,
  validatePassport,
  validateTravelPreferences,
  writeScope,
  type Client,
  type Trip,
} from '../../../../shared/index';
import { isCalendarDate } from '../../../../shared/domain/dates';
import type { FieldError } from '../../../../shared/domain/validation';
import { useAccount } from '../../state/account';
import type { LocalStore } from '../../store/local-store';
import type { ClientPanelProps } from './client-panel';
import { countryChoices, formatCalendarDateFor, todayHere } from './format';
import { errorsAt, Field, RecordSection, useDraft } from './record-form';
import { useStaffChoices, type StaffChoice } from './staff-choices';

interface SectionArgs {
  client: Client;
  store: LocalStore;
  readOnly: boolean;
}

/**
 * The client's record: names, nationality, date of birth, languages, contact, passport (with a warning when it
 * does not last the trip), travel preferences, emergency contacts, lifestyle, status and assigned staff. Each
 * section is validated by the shared validators and saved on its own; nothing is saved while a field is wrong.
 */
export function ClientProfile({ client, device }: ClientPanelProps) {
  const { t } = useTranslation();
  const who = useAccount((account) => account.identity) ?? device.identity;
  const scope = writeScope(who.role, 'clients');
  const args: SectionArgs = { client, store: device.session.store, readOnly: scope === 'none' };
  const staff = useStaffChoices(device);
  return (
    <div className="client-record" aria-label={t('clientRecord.heading')}>
      {args.readOnly && <p className="muted">{t('clientRecord.readOnly')}</p>}
      <IdentitySection {...args} />
      <ContactSection {...args} />
      <PassportSection {...args} />
      <PreferencesSection {...args} />
      <EmergencySection {...args} />
      <LifestyleSection {...args} />
      <AssignmentSection
        {...args}
        staff={staff}
        me={who.staffId}
        myName={who.displayName}
        keepSelf={scope === 'assigned'}
      />
    </div>
  );
}

function useLanguage(): string {
  const { i18n } = useTranslation();
  return i18n.language;
}

function CountrySelect({
  value,
  onChange,
  ...props
}: {
  value: string;
  onChange(code: string): void;
  id: string;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const choices = useMemo(() => countryChoices(language), [language]);
  return (
    <select {...props} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{t('clientRecord.chooseCountry')}</option>
      {choices.map((choice) => (
        <option key={choice.code} value={choice.code}>
          {choice.name}
        </option>
      ))}
    </select>
  );
}

/** A date shown in the UI's language under its field, when it is a date. */
function DateNote({ date }: { date: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (!isCalendarDate(date)) return null;
  return (
    <p className="muted hint date-shown">
      {t('clientRecord.shownAs', { date: formatCalendarDateFor(language, date) })}
    </p>
  );
}

const lines = (text: string) => text.split('\n');
const commaList = (text: string) => text.split(/[,、\s]+/u);

function IdentitySection({ client, store, readOnly }: SectionArgs) {
  const { t } = useTranslation();
  const [errors, setErrors] = useState<FieldError[]>([]);
  const draft = useDraft({
    latin: client.names.latin,
    katakana: client.names.katakana ?? '',
    kanji: client.names.kanji ?? '',
    nationality: client.nationality ?? '',
    dateOfBirth: client.dateOfBirth ?? '',
    languages: (client.languages ?? []).join(', '),
  });
  const v = draft.values;
  return (
    <RecordSection
      title={t('clientRecord.sections.identity')}
      store={store}
      clientId={client.id}
      readOnly={readOnly}
      errors={errors}
      setErrors={setErrors}
      onSaved={draft.reset}
      validate={() => {
        const result = validateClientProfile(
          {
            names: { latin: v.latin, katakana: v.katakana, kanji: v.kanji },
            nationality: v.nationality,
            dateOfBirth: v.dateOfBirth,
            languages: commaList(v.languages),
          },
          todayHere(),
        );
        if (!result.ok) return result;
        // Fields left empty are removed from the record.
        const { names, nationality, dateOfBirth, languages } = result.value;
        return { ok: true, value: { names, nationality, dateOfBirth, languages } };
      }}
    >
      <Field label={t('clientRecord.fields.latin')} errors={errorsAt(errors, 'names.latin')}>
        {(p) => <input {...p} value={v.latin} onChange={(e) => draft.set({ latin: e.target.value })} />}
      </Field>
      <Field label={t('clientRecord.fields.katakana')} errors={errorsAt(errors, 'names.katakana')}>
        {(p) => (
          <input
            {...p}
            lang="ja"
            value={v.katakana}
            onChange={(e) => draft.set({ katakana: e.target.value })}
          />
        )}
      </Field>
      <Field label={t('clientRecord.fields.kanji')} errors={errorsAt(errors, 'names.kanji')}>
        {(p) => (
          <input {...p} lang="ja" value={v.kanji} onChange={(e) => draft.set({ kanji: e.target.value })} />
        )}
      </Field>
      <Field label={t('clientRecord.fields.nationality')} errors={errorsAt(errors, 'nationality')}>
        {(p) => (
          <CountrySelect
            {...p}
            value={v.nationality}
            onChange={(nationality) => draft.set({ nationality })}
          />
        )}
      </Field>
      <Field
        label={t('clientRecord.fields.dateOfBirth')}
        errors={errorsAt(errors, 'dateOfBirth')}
        note={<DateNote date={v.dateOfBirth} />}
      >
        {(p) => (
          <input
            {...p}
            type="date"
            value={v.dateOfBirth}
            onChange={(e) => draft.set({ dateOfBirth: e.target.value })}
          />
        )}
      </Field>
      <Field
        label={t('clientRecord.fields.languages')}
        hint={t('clientRecord.fields.languagesHint')}
        errors={errorsAt(errors, 'languages')}
      >
        {(p) => (
          <input {...p} value={v.languages} onChange={(e) => draft.set({ languages: e.target.value })} />
        )}
      </Field>
    </RecordSection>
  );
}

function ContactSection({ client, store, readOnly }: SectionArgs) {
  const { t } = useTranslation();
  const [errors, setErrors] = useState<FieldError[]>([]);
  const draft = useDraft({
    email: client.contact?.email ?? '',
    phone: client.contact?.phone ?? '',
    address: client.contact?.address ?? '',
  });
  const v = draft.values;
  return (
    <RecordSection
      title={t('clientRecord.sections.contact')}
      store={store}
      clientId={client.id}
      readOnly={readOnly}
      errors={errors}
      setErrors={setErrors}
      onSaved={draft.reset}
      validate={() => {
        const result = validateContact(v, { defaultCountry: client.nationality });
        return result.ok ? { ok: true, value: { contact: result.value } } : result;
      }}
    >
      <Field label={t('clientRecord.fields.email')} errors={errorsAt(errors, 'contact.email')}>
        {(p) => (
          <input {...p} type="email" value={v.email} onChange={(e) => draft.set({ email: e.target.value })} />
        )}
      </Field>
      <Field
        label={t('clientRecord.fields.phone')}
        hint={t('clientRecord.fields.phoneHint')}
        errors={errorsAt(errors, 'contact.phone')}
      >
        {(p) => (
          <input {...p} type="tel" value={v.phone} onChange={(e) => draft.set({ phone: e.target.value })} />
        )}
      </Field>
      <Field label={t('clientRecord.fields.address')} errors={errorsAt(errors, 'contact.address')}>
        {(p) => (
          <textarea
            {...p}
            rows={3}
            value={v.address}
            onChange={(e) => draft.set({ address: e.target.value })}
          />
        )}
      </Field>
    </RecordSection>
  );
}

/** The end of the trip the passport must last: the latest end among the client's trips not yet over. */
function useTripEnd(store: LocalStore, clientId: string, today: string): string | undefined {
  const [end, setEnd] = useState<string | undefined>();
  useEffect(() => {
    const subscription = store.trips.find({ selector: { clientId } }).$.subscribe((docs) => {
      const ends = docs
        .map((doc) => (doc.toJSON() as Trip).endDate)
        .filter((date) => date >= today)
        .sort();
      setEnd(ends.at(-1));
    });
    return () => subscription.unsubscribe();
  }, [store, clientId, today]);
  return end;
}

function PassportSection({ client, store, readOnly }: SectionArgs) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [errors, setErrors] = useState<FieldError[]>([]);
  const draft = useDraft({
    number: client.passport?.number ?? '',
    country: client.passport?.country ?? '',
    expiryDate: client.passport?.expiryDate ?? '',
  });
  const v = draft.values;
  const today = todayHere();
  const tripEnd = useTripEnd(store, client.id, today);
  const expiry = isCalendarDate(v.expiryDate) ? v.expiryDate : undefined;
  const warning =
    expiry === undefined ? undefined : passportExpiryWarning({ expiryDate: expiry }, tripEnd, today);
  return (
    <RecordSection
      title={t('clientRecord.sections.passport')}
      store={store}
      clientId={client.id}
      readOnly={readOnly}
      errors={errors}
      setErrors={setErrors}
      onSaved={draft.reset}
      banner={
        warning && (
          <p className="passport-warning" role="note" data-testid="passport-warning">
            {t(`clientRecord.passportWarning.${warning}`, {
              expiry: formatCalendarDateFor(language, expiry!),
              tripEnd: tripEnd === undefined ? '' : formatCalendarDateFor(language, tripEnd),
            })}
          </p>
        )
      }
      validate={() => {
        const result = validatePassport(v);
        return result.ok ? { ok: true, value: { passport: result.value } } : result;
      }}
    >
      <Field label={t('clientRecord.fields.passportNumber')} errors={errorsAt(errors, 'passport.number')}>
        {(p) => <input {...p} value={v.number} onChange={(e) => draft.set({ number: e.target.value })} />}
      </Field>
      <Field label={t('clientRecord.fields.passportCountry')} errors={errorsAt(errors, 'passport.country')}>
        {(p) => <CountrySelect {...p} value={v.country} onChange={(country) => draft.set({ country })} />}
      </Field>
      <Field
        label={t('clientRecord.fields.passportExpiry')}
        errors={errorsAt(errors, 'passport.expiryDate')}
        note={<DateNote date={v.expiryDate} />}
      >
        {(p) => (
          <input
            {...p}
            type="date"
            value={v.expiryDate}
            onChange={(e) => draft.set({ expiryDate: e.target.value })}
          />
        )}
      </Field>
    </RecordSection>
  );
}

function PreferencesSection({ client, store, readOnly }: SectionArgs) {
  const { t } = useTranslation();
  const [errors, setErrors] = useState<FieldError[]>([]);
  const draft = useDraft({
    seat: client.preferences?.seat ?? '',
    room: client.preferences?.room ?? '',
    dietary: client.preferences?.dietary ?? '',
    notes: client.preferences?.notes ?? '',
  });
  const v = draft.values;
  return (
    <RecordSection
      title={t('clientRecord.sections.preferences')}
      store={store}
      clientId={client.id}
      readOnly={readOnly}
      errors={errors}
      setErrors={setErrors}
      onSaved={draft.reset}
      validate={() => {
        const result = validateTravelPreferences(v);
        return result.ok ? { ok: true, value: { preferences: result.value } } : result;
      }}
    >
      <Field label={t('clientRecord.fields.seat')} errors={errorsAt(errors, 'preferences.seat')}>
        {(p) => (
          <select {...p} value={v.seat} onChange={(e) => draft.set({ seat: e.target.value })}>
            <option value="">{t('clientRecord.noPreference')}</option>
            {SEAT_PREFERENCES.map((seat) => (
              <option key={seat} value={seat}>
                {t(`clientRecord.seat.${seat}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('clientRecord.fields.room')} errors={errorsAt(errors, 'preferences.room')}>
        {(p) => (
          <select {...p} value={v.room} onChange={(e) => draft.set({ room: e.target.value })}>
            <option value="">{t('clientRecord.noPreference')}</option>
            {ROOM_PREFERENCES.map((room) => (
              <option key={room} value={room}>
                {t(`clientRecord.room.${room}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('clientRecord.fields.dietaryNotes')} errors={errorsAt(errors, 'preferences.dietary')}>
        {(p) => (
          <textarea
            {...p}
            rows={2}
            value={v.dietary}
            onChange={(e) => draft.set({ dietary: e.target.value })}
          />
        )}
      </Field>
      <Field label={t('clientRecord.fields.notes')} errors={errorsAt(errors, 'preferences.notes')}>
        {(p) => (
          <textarea {...p} rows={3} value={v.notes} onChange={(e) => draft.set({ notes: e.target.value })} />
        )}
      </Field>
    </RecordSection>
  );
}

interface ContactRow {
  name: string;
  relationship: string;
  phone: string;
  email: string;
}

function EmergencySection({ client, store, readOnly }: SectionArgs) {
  const { t } = useTranslation();
  const [errors, setErrors] = useState<FieldError[]>([]);
  const draft = useDraft<{ rows: ContactRow[] }>({
    rows: (client.emergencyContacts ?? []).map((contact) => ({
      name: contact.name,
      relationship: contact.relationship,
      phone: contact.phone,
      email: contact.email ?? '',
    })),
  });
  const rows = draft.values.rows;
  const setRow = (index: number, patch: Partial<ContactRow>) =>
    draft.set({ rows: rows.map((row, i) => (i === index ? { ...row, ...patch } : row)) });
  return (
    <RecordSection
      title={t('clientRecord.sections.emergency')}
      store={store}
      clientId={client.id}
      readOnly={readOnly}
      errors={errors}
      setErrors={setErrors}
      onSaved={draft.reset}
      validate={() => {
        const result = validateEmergencyContacts(rows, { defaultCountry: client.nationality });
        if (!result.ok) return result;
        return { ok: true, value: { emergencyContacts: result.value.length > 0 ? result.value : undefined } };
      }}
    >
      {rows.length === 0 && <p className="muted">{t('clientRecord.emergency.none')}</p>}
      {rows.map((row, index) => {
        const at = `emergencyContacts.${index}`;
        const number = index + 1;
        return (
          <fieldset key={index} className="emergency-contact">
            <legend>{t('clientRecord.emergency.contact', { number })}</legend>
            <Field label={t('clientRecord.fields.contactName')} errors={errorsAt(errors, `${at}.name`)}>
              {(p) => (
                <input {...p} value={row.name} onChange={(e) => setRow(index, { name: e.target.value })} />
              )}
            </Field>
            <Field
              label={t('clientRecord.fields.relationship')}
              errors={errorsAt(errors, `${at}.relationship`)}
            >
              {(p) => (
                <input
                  {...p}
                  value={row.relationship}
                  onChange={(e) => setRow(index, { relationship: e.target.value })}
                />
              )}
            </Field>
            <Field label={t('clientRecord.fields.contactPhone')} errors={errorsAt(errors, `${at}.phone`)}>
              {(p) => (
                <input
                  {...p}
                  type="tel"
                  value={row.phone}
                  onChange={(e) => setRow(index, { phone: e.target.value })}
                />
              )}
            </Field>
            <Field label={t('clientRecord.fields.contactEmail')} errors={errorsAt(errors, `${at}.email`)}>
              {(p) => (
                <input
                  {...p}
                  type="email"
                  value={row.email}
                  onChange={(e) => setRow(index, { email: e.target.value })}
                />
              )}
            </Field>
            <button
              type="button"
              className="secondary small"
              onClick={() => draft.set({ rows: rows.filter((_, i) => i !== index) })}
            >
              {t('clientRecord.emergency.remove', { number })}
            </button>
          </fieldset>
        );
      })}
      <p className="field-error">
        {errorsAt(errors, 'emergencyContacts')
          .filter((error) => error.path === 'emergencyContacts')
          .map((error) => t(`clientRecord.errors.${error.code}`, error.params))
          .join(' ')}
      </p>
      <button
        type="button"
        className="secondary small"
        disabled={rows.length >= EMERGENCY_CONTACTS_MAX}
        onClick={() => draft.set({ rows: [...rows, { name: '', relationship: '', phone: '', email: '' }] })}
      >
        {t('clientRecord.emergency.add')}
      </button>
    </RecordSection>
  );
}

function LifestyleSection({ client, store, readOnly }: SectionArgs) {
  const { t } = useTranslation();
  const [errors, setErrors] = useState<FieldError[]>([]);
  const draft = useDraft({
    dietaryRestrictions: client.lifestyle?.dietaryRestrictions ?? ([] as string[]),
    mobilityNeeds: client.lifestyle?.mobilityNeeds ?? '',
    allergies: (client.lifestyle?.allergies ?? []).join('\n'),
  });
  const v = draft.values;
  const restrictionErrors = errorsAt(errors, 'lifestyle.dietaryRestrictions');
  return (
    <RecordSection
      title={t('clientRecord.sections.lifestyle')}
      store={store}
      clientId={client.id}
      readOnly={readOnly}
      errors={errors}
      setErrors={setErrors}
      onSaved={draft.reset}
      validate={() => {
        const result = validateLifestyle({ ...v, allergies: lines(v.allergies) });
        return result.ok ? { ok: true, value: { lifestyle: result.value } } : result;
      }}
    >
      <fieldset className="checks">
        <legend>{t('clientRecord.fields.dietaryRestrictions')}</legend>
        {DIETARY_RESTRICTIONS.map((code) => (
          <label key={code} className="check">
            <input
              type="checkbox"
              checked={v.dietaryRestrictions.includes(code)}
              onChange={(e) =>
                draft.set({
                  dietaryRestrictions: e.target.checked
                    ? [...v.dietaryRestrictions, code]
                    : v.dietaryRestrictions.filter((c) => c !== code),
                })
              }
            />
            {t(`clientRecord.dietary.${code}`)}
          </label>
        ))}
        {restrictionErrors.length > 0 && (
          <p className="field-error">{t(`clientRecord.errors.${restrictionErrors[0]!.code}`)}</p>
        )}
      </fieldset>
      <Field
        label={t('clientRecord.fields.mobilityNeeds')}
        errors={errorsAt(errors, 'lifestyle.mobilityNeeds')}
      >
        {(p) => (
          <textarea
            {...p}
            rows={2}
            value={v.mobilityNeeds}
            onChange={(e) => draft.set({ mobilityNeeds: e.target.value })}
          />
        )}
      </Field>
      <Field
        label={t('clientRecord.fields.allergies')}
        hint={t('clientRecord.fields.allergiesHint')}
        errors={errorsAt(errors, 'lifestyle.allergies')}
      >
        {(p) => (
          <textarea
            {...p}
            rows={3}
            value={v.allergies}
            onChange={(e) => draft.set({ allergies: e.target.value })}
          />
        )}
      </Field>
    </RecordSection>
  );
}

function AssignmentSection({
  client,
  store,
  readOnly,
  staff,
  me,
  myName,
  keepSelf,
}: SectionArgs & {
  staff: StaffChoice[] | undefined | 'unavailable';
  me: string;
  myName: string;
  keepSelf: boolean;
}) {
  const { t } = useTranslation();
  const [errors, setErrors] = useState<FieldError[]>([]);
  const draft = useDraft({ status: client.status as string, assigned: client.assignedStaffIds });
  const v = draft.values;
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
    <RecordSection
      title={t('clientRecord.sections.assignment')}
      store={store}
      clientId={client.id}
      readOnly={readOnly}
      errors={errors}
      setErrors={setErrors}
      onSaved={draft.reset}
      validate={() =>
        validateAssignment(
          { status: v.status, assignedStaffIds: v.assigned },
          keepSelf ? { keepAssigned: me } : {},
        )
      }
    >
      <Field label={t('clientRecord.fields.status')} errors={errorsAt(errors, 'status')}>
        {(p) => (
          <select {...p} value={v.status} onChange={(e) => draft.set({ status: e.target.value })}>
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
              onChange={(e) =>
                draft.set({
                  assigned: e.target.checked
                    ? [...v.assigned, person.staffId]
                    : v.assigned.filter((id) => id !== person.staffId),
                })
              }
            />
            {nameOf(person)}
          </label>
        ))}
        {errorsAt(errors, 'assignedStaffIds').length > 0 && (
          <p className="field-error">
            {t(`clientRecord.errors.${errorsAt(errors, 'assignedStaffIds')[0]!.code}`)}
          </p>
        )}
      </fieldset>
    </RecordSection>
  );
}
