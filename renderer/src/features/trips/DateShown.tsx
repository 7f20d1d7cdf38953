import { useTranslation } from 'react-i18next';
import { formatUnambiguousDay } from './format';

/**
 * Under a date field: the day it holds, spelt out ("Shown as Fri, 12 Mar 2027"), since the field's own digits follow
 * the browser's locale (03/12/2027 in a US one). Nothing while the field holds no date.
 */
export function DateShown({ date }: { date: string }) {
  const { t, i18n } = useTranslation();
  const shown = formatUnambiguousDay(date, i18n.language);
  if (date === '' || shown === date) return null;
  return <p className="muted hint date-shown">{t('trips.dateShown', { date: shown })}</p>;
}
