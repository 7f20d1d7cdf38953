import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { runtimeTimeZones, zoneChoices, zoneLabel } from '../../../../shared/domain/itinerary-zones';

/** Every zone the runtime knows as its city ("Tokyo (Asia/Tokyo)", "東京 (Asia/Tokyo)"), searchable as one types. */
export function ZoneOptions({ id }: { id: string }) {
  const { i18n } = useTranslation();
  const choices = useMemo(() => zoneChoices(runtimeTimeZones(), i18n.language), [i18n.language]);
  return (
    <datalist id={id}>
      {choices.map((choice) => (
        <option key={choice.zone} value={choice.label} />
      ))}
    </datalist>
  );
}

/** A stored zone as the field shows it: its city and IANA name. */
export function zoneFieldText(zone: string, language: string): string {
  return zone === '' ? '' : zoneLabel(zone, language);
}
