import { useTranslation } from 'react-i18next';
import { K_ANONYMITY_MIN } from '../../../../shared/domain/statistics';
import { todayHere } from '../clients/format';
import { useStatistics } from './statistics-data';
import { EmptyState } from '../../components/EmptyState';

export { seesStatistics } from './statistics-data';

/** Management's anonymised statistics: one table per dimension, each cell at least k clients. */
export function StatisticsScreen() {
  const { t } = useTranslation();
  const tables = useStatistics(todayHere());
  const k = K_ANONYMITY_MIN;
  return (
    <section aria-labelledby="statistics-heading">
      <h2 id="statistics-heading">{t('statistics.heading')}</h2>
      <p className="muted">{t('statistics.intro', { k })}</p>
      {!tables && <p className="muted">{t('statistics.loading')}</p>}
      {tables?.map((table) => (
        <section
          key={table.dimension}
          aria-labelledby={`statistics-${table.dimension}`}
          data-testid={`statistics-${table.dimension}`}
        >
          <h3 id={`statistics-${table.dimension}`}>{t(`statistics.dimensions.${table.dimension}`)}</h3>
          {table.cells.length === 0 ? (
            <EmptyState>{t('statistics.empty', { k })}</EmptyState>
          ) : (
            <table className="erasure-table data-table">
              <thead>
                <tr>
                  <th scope="col">{t('statistics.value')}</th>
                  <th scope="col">{t('statistics.count')}</th>
                </tr>
              </thead>
              <tbody>
                {table.cells.map((cell) => (
                  <tr key={cell.value}>
                    <td>{cell.value === 'unknown' ? t('statistics.unknown') : cell.value}</td>
                    <td>{cell.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {table.suppressedCells > 0 && (
            <p className="muted">{t('statistics.suppressed', { count: table.suppressedCells, k })}</p>
          )}
        </section>
      ))}
    </section>
  );
}
