import type { TFunction } from 'i18next';
import type { Client } from '../../../../shared/index';
import type { MedicalContent } from '../../../../shared/domain/medical';
import type { TripItem } from '../../../../shared/domain/trip';
import type { ExportedTripItem } from '../../../../shared/domain/request-export';
import { formatCost } from '../trips/format';

/**
 * The nested values of the readable report (issue 16 review: countries were shown as codes, contacts, addresses
 * and the medical lists as "key: value" pairs or JSON) as labelled text in the report's language: each value a list
 * of lines, each line its parts labelled ("Issuing country: United Kingdom"). Value codes (seat, room, diet,
 * severity, item kind) take the words the app's own screens use for them; a code the catalogue does not know yet is
 * shown plainly rather than dropped.
 */
export interface ValueFormat {
  t: TFunction;
  locale: string;
  /** A calendar day (YYYY-MM-DD) as a date. */
  day(date: string): string;
  languageName(tag: string): string;
}

type Parts = Array<string | undefined>;

/** A country code (ISO 3166-1 alpha-2) as the country's name in the report's language ("United Kingdom", "イギリス"). */
export function countryName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function reportValues({ t, locale, day, languageName }: ValueFormat) {
  const word = (key: string, code: string) => t(key, { defaultValue: code });
  const part = (key: string, value: string | undefined) =>
    value === undefined || value.trim() === ''
      ? undefined
      : t('export.report.labelled', { label: t(`export.report.part.${key}`), value });
  const line = (parts: Parts) =>
    parts.filter((text): text is string => text !== undefined).join(t('export.report.joiner'));
  const list = (values: readonly string[]) => values.join(t('export.report.listJoiner'));
  const lines = (...each: Parts[]) => each.map(line).filter((text) => text !== '');
  const country = (code: string | undefined) => (code ? countryName(code, locale) : undefined);
  // A postal address as written, its lines on one line.
  const address = (text: string | undefined) =>
    text
      ?.split('\n')
      .map((row) => row.trim())
      .filter(Boolean)
      .join(t('export.report.listJoiner'));

  /** A value of anything the report has no words for yet: its parts labelled, never an object or JSON. */
  const plain = (value: unknown): string => {
    if (value === undefined || value === null) return '';
    if (Array.isArray(value)) return list(value.map(plain).filter(Boolean));
    if (typeof value === 'object')
      return line(
        Object.entries(value as Record<string, unknown>).map(([key, inner]) =>
          t('export.report.labelled', {
            label: t(`export.report.part.${key}`, { defaultValue: key }),
            value: plain(inner),
          }),
        ),
      );
    return String(value);
  };

  /** A field of the client's record as lines of labelled text. */
  const clientField = (
    field: keyof Omit<Client, 'conflicts'>,
    client: Omit<Client, 'conflicts'>,
  ): string[] => {
    switch (field) {
      case 'names':
        return [Object.values(client.names).filter(Boolean).join(' / ')];
      case 'nationality':
        return lines([country(client.nationality)]);
      case 'dateOfBirth':
        return lines([client.dateOfBirth ? day(client.dateOfBirth) : undefined]);
      case 'languages':
        return [list((client.languages ?? []).map(languageName))];
      case 'status':
        return [word(`export.report.clientStatus.${client.status}`, client.status)];
      case 'contact': {
        const contact = client.contact ?? {};
        return lines(
          [part('email', contact.email)],
          [part('phone', contact.phone)],
          [part('address', address(contact.address))],
        );
      }
      case 'passport': {
        const passport = client.passport;
        if (!passport) return [];
        return lines(
          [part('passportNumber', passport.number)],
          [part('issuingCountry', country(passport.country))],
          [part('validUntil', passport.expiryDate ? day(passport.expiryDate) : undefined)],
        );
      }
      case 'preferences': {
        const preferences = client.preferences ?? {};
        return lines(
          [part('seat', preferences.seat && word(`clientRecord.seat.${preferences.seat}`, preferences.seat))],
          [part('room', preferences.room && word(`clientRecord.room.${preferences.room}`, preferences.room))],
          [part('food', preferences.dietary)],
          [part('notes', preferences.notes)],
        );
      }
      case 'emergencyContacts':
        return lines(
          ...(client.emergencyContacts ?? []).map((contact) => [
            contact.name,
            part('relationship', contact.relationship),
            part('phone', contact.phone),
            part('email', contact.email),
          ]),
        );
      case 'lifestyle': {
        const lifestyle = client.lifestyle;
        if (!lifestyle) return [];
        return lines(
          [
            part(
              'dietaryRestrictions',
              list(lifestyle.dietaryRestrictions.map((code) => word(`clientRecord.dietary.${code}`, code))),
            ),
          ],
          [part('mobilityNeeds', lifestyle.mobilityNeeds)],
          [part('lifestyleAllergies', list(lifestyle.allergies))],
        );
      }
      default:
        return lines([plain(client[field])]);
    }
  };

  /** A field of the opened medical section as lines: one per medication, allergy, condition or treatment. */
  const medicalField = (field: string, value: unknown): string[] => {
    const content = { [field]: value } as Partial<MedicalContent>;
    switch (field) {
      case 'currentMedications':
        return lines(
          ...(content.currentMedications ?? []).map((medication) => [
            medication.name,
            part('dose', medication.dose),
            part('schedule', medication.schedule),
          ]),
        );
      case 'allergies':
        return lines(
          ...(content.allergies ?? []).map((allergy) => [
            allergy.substance,
            part('reaction', allergy.reaction),
            part(
              'severity',
              allergy.severity && word(`medical.severity.${allergy.severity}`, allergy.severity),
            ),
          ]),
        );
      case 'conditions':
        return lines(
          ...(content.conditions ?? []).map((condition) => [condition.name, part('notes', condition.notes)]),
        );
      case 'plannedTreatments':
        return lines(
          ...(content.plannedTreatments ?? []).map((treatment) => [
            treatment.description,
            part('institution', treatment.institution),
            part('date', treatment.date ? day(treatment.date) : undefined),
          ]),
        );
      default:
        return lines([plain(value)]);
    }
  };

  /**
   * An itinerary item's title (its kind's name when it has none) and its other details: a medical item's sealed
   * details as the exporting device opened them, or, where it could not, that they stay sealed.
   */
  const itemTitle = (item: Pick<ExportedTripItem, 'title' | 'kind' | 'openedDetails'>) =>
    item.openedDetails?.title ?? item.title ?? word(`trips.kind.${item.kind}`, item.kind);
  const itemDetails = (item: ExportedTripItem): string => {
    const details = item.openedDetails ?? item;
    return line([
      details.title !== undefined ? part('kind', word(`trips.kind.${item.kind}`, item.kind)) : undefined,
      part('location', details.location),
      part('cost', item.cost ? safeCost(item.cost, locale) : undefined),
      part('notes', details.notes),
      item.sealedDetails !== undefined && item.openedDetails === undefined
        ? t('export.report.itemSealed')
        : undefined,
    ]);
  };

  return {
    country: (code: string) => countryName(code, locale),
    clientField,
    medicalField,
    itemTitle,
    itemDetails,
  };
}

function safeCost(cost: NonNullable<TripItem['cost']>, locale: string): string {
  try {
    return formatCost(cost, locale);
  } catch {
    return `${cost.amount} ${cost.currency}`;
  }
}
