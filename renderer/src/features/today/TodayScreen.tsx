import { useTranslation } from 'react-i18next';
import { readScope } from '../../../../shared/index';
import { useSession } from '../../session/index';
import { TodaySchedule } from './TodaySchedule';
import { useNavigation } from './navigation';
import { useWaitingItems } from './waiting-counts';
import { EmptyState } from '../../components/EmptyState';

/**
 * The home screen: what is waiting for this person, most urgent first, each linked to where it is handled. A feature
 * adds its waiting things by adding its `use<Feature>Waiting()` hook to useWaitingItems (waiting-counts.tsx).
 */
export function TodayScreen() {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const { identity } = useSession();
  const items = useWaitingItems();
  // The day's schedule is for those who look after clients: concierges (their own) and coordinators (all).
  const schedule = identity.role === 'concierge' || identity.role === 'coordinator';
  return (
    <section aria-labelledby="today-heading" className="today-screen">
      <h2 id="today-heading">{t('today.heading')}</h2>
      {schedule && readScope(identity.role, 'trips') !== 'none' && (
        <>
          <p className="muted small">{t('today.scheduleNote')}</p>
          <TodaySchedule />
        </>
      )}
      <h3>{t('today.waitingHeading')}</h3>
      {items.length === 0 ? (
        <EmptyState>{t('today.nothingWaiting')}</EmptyState>
      ) : (
        <ul className="waiting-list" aria-label={t('today.waitingHeading')}>
          {items.map((item) => (
            <li key={item.id} className={`waiting-item ${item.state}`}>
              <span className={`badge ${item.state}`}>{t(`today.state.${item.state}`)}</span>
              <span className="waiting-text">{item.text}</span>
              {item.due !== undefined && <span className="muted">{t('today.due', { time: item.due })}</span>}
              <button
                type="button"
                className="secondary small"
                aria-label={t('today.openItem', { text: item.text })}
                onClick={() => navigation.open(item.section)}
              >
                {t('today.open')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
