import { useTranslation } from 'react-i18next';
import { passportExpiryWarning, validatePassport } from '../../../../../shared/index';
import { isCalendarDate } from '../../../../../shared/domain/dates';
import { DateField, Field } from '../../../components/form/index';
import { useLatestTripEnd } from '../client-data';
import { useLoggedView } from '../../../core/audit/use-log-access';
import { passportViewEntry } from '../../../../../shared/domain/audit-entries';
import { formatCalendarDateFor, todayHere } from '../format';
import { CountrySelect, useLanguage } from './controls';
import { RecordSection, useSectionForm, type SectionProps } from './RecordSection';

/** The passport, with a warning when it does not last the client's coming trips. */
export function PassportSection({ client, readOnly }: SectionProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  // The number is shown only once its view is in the access log (issue 18): never shown unlogged.
  const view = useLoggedView(
    client.passport?.number ? passportViewEntry(client.id) : undefined,
    client.assignedStaffIds,
  );
  const form = useSectionForm(
    'passport',
    {
      number: client.passport?.number ?? '',
      country: client.passport?.country ?? '',
      expiryDate: client.passport?.expiryDate ?? '',
    },
    (v) => {
      const result = validatePassport(v);
      return result.ok ? { ok: true, value: { passport: result.value } } : result;
    },
  );
  const v = form.values;
  const today = todayHere();
  const tripEnd = useLatestTripEnd(client.id, today);
  const expiry = isCalendarDate(v.expiryDate) ? v.expiryDate : undefined;
  const warning =
    expiry === undefined ? undefined : passportExpiryWarning({ expiryDate: expiry }, tripEnd, today);
  return (
    <RecordSection
      form={form}
      readOnly={readOnly}
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
    >
      <Field label={t('clientRecord.fields.passportNumber')} errors={form.errorsAt('passport.number')}>
        {(p) =>
          view === 'logged' ? (
            <input {...p} {...form.bind('number')} />
          ) : (
            <input {...p} value="" readOnly placeholder={t(`auditLedger.view.${view}`)} />
          )
        }
      </Field>
      <Field label={t('clientRecord.fields.passportCountry')} errors={form.errorsAt('passport.country')}>
        {(p) => <CountrySelect {...p} value={v.country} onChange={(country) => form.set({ country })} />}
      </Field>
      <DateField
        label={t('clientRecord.fields.passportExpiry')}
        errors={form.errorsAt('passport.expiryDate')}
        {...form.bind('expiryDate')}
      />
    </RecordSection>
  );
}
